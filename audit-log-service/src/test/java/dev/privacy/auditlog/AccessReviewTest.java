package dev.privacy.auditlog;

import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** P19: the monthly review of staff and system access records, with outliers, for the privacy officer. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class AccessReviewTest {

    private static final Instant MARCH = Instant.parse("2025-03-14T09:00:00Z");

    @Test
    void P19_theMonthlyReviewListsEachStaffActorsMembersFieldsAndPurposesAndFlagsTheOutlier() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<UUID> events = new ArrayList<>();
        List<String> usual = new ArrayList<>();
        for (int a = 0; a < 5; a++) {
            String actor = "staff-" + run + "-" + a;
            usual.add(actor);
            for (int m = 0; m < 2; m++) {
                events.add(AuditTestSupport.send(AuditTestSupport.access(UUID.randomUUID(), actor,
                        ActorRole.PRIVACY_OFFICER, List.of("name"), Purpose.COMPLAINT_HANDLING,
                        MARCH.plus(a * 10L + m, ChronoUnit.MINUTES))));
            }
        }
        String heavy = "staff-" + run + "-heavy";
        for (int m = 0; m < 12; m++) {
            events.add(AuditTestSupport.send(AuditTestSupport.access(UUID.randomUUID(), heavy, ActorRole.OPS,
                    m % 2 == 0 ? List.of("name", "mobile") : List.of("email"),
                    m < 10 ? Purpose.MEMBER_MANAGEMENT : Purpose.FRAUD_PREVENTION, MARCH.plus(m, ChronoUnit.HOURS))));
        }
        // A member's own reads are service logs (P17), not part of the staff review.
        UUID self = UUID.randomUUID();
        events.add(AuditTestSupport.send(AuditTestSupport.access(self, self.toString(), ActorRole.MEMBER,
                List.of("name"), Purpose.CONTRACT_AND_BILLING, MARCH)));
        // Next month is not this month's review.
        events.add(AuditTestSupport.send(AuditTestSupport.access(UUID.randomUUID(), usual.get(0),
                ActorRole.PRIVACY_OFFICER, List.of("name"), Purpose.COMPLAINT_HANDLING,
                Instant.parse("2025-04-01T00:00:00Z"))));
        events.forEach(AuditTestSupport::awaitSequence);

        JsonPath report = given().auth().oauth2(DevTokens.staff("privacy-officer")).queryParam("month", "2025-03")
                .when().get("/v1/audit/access-review").then().statusCode(200).extract().jsonPath();
        Map<String, Object> heavyReview = review(report, heavy);
        assertThat(heavyReview.get("members")).isEqualTo(12);
        assertThat(heavyReview.get("accesses")).isEqualTo(12);
        assertThat(heavyReview.get("actorRole")).isEqualTo("OPS");
        assertThat(heavyReview.get("fields")).isEqualTo(Map.of("name", 6, "mobile", 6, "email", 6));
        assertThat(heavyReview.get("purposes")).isEqualTo(Map.of("MEMBER_MANAGEMENT", 10, "FRAUD_PREVENTION", 2));
        assertThat(heavyReview.get("outlier")).isEqualTo(true);
        assertThat(report.getList("outliers")).contains(heavy);

        Map<String, Object> first = review(report, usual.get(0));
        assertThat(first.get("members")).isEqualTo(2);
        assertThat(first.get("outlier")).isEqualTo(false);
        assertThat(report.getList("outliers")).doesNotContainAnyElementsOf(usual);
        assertThat(report.getList("reviews.actorId")).doesNotContain(self.toString());
    }

    @Test
    void aMissingOrMalformedMonthIsAProblem() {
        for (String month : new String[]{"", "2025-13", "March"}) {
            given().auth().oauth2(DevTokens.staff("privacy-officer")).queryParam("month", month)
                    .when().get("/v1/audit/access-review").then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("month"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> review(JsonPath report, String actor) {
        List<Map<String, Object>> reviews = report.getList("reviews");
        return reviews.stream().filter(r -> actor.equals(r.get("actorId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no review of " + actor));
    }
}
