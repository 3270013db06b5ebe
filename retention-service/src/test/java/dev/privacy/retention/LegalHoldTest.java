package dev.privacy.retention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.retention.LegalHoldPlaced;
import dev.privacy.platform.events.retention.LegalHoldReleased;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Legal holds (P07): held schedules do not expire; release lets the due ones go at once. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "retention"))
class LegalHoldTest {

    @Inject
    DataSource dataSource;

    @Test
    void P07_aLegalHoldOnAMemberBlocksExpiryAndItsReleaseLetsTheDueSchedulesGo() {
        UUID member = UUID.randomUUID();
        try (TopicProbe probe = RetentionTests.probeAllItPublishes()) {
            String key = UUID.randomUUID().toString();
            Map<String, Object> body = hold("Seoul Central District Court 2026-GH-1234", member, null);
            String holdId = given().auth().oauth2(RetentionTests.officer()).header("Idempotency-Key", key)
                    .contentType(ContentType.JSON).body(body).when().post("/v1/legal-holds")
                    .then().statusCode(201).extract().path("holdId");
            // the same request again: the same hold, not a second one
            given().auth().oauth2(RetentionTests.officer()).header("Idempotency-Key", key)
                    .contentType(ContentType.JSON).body(body).when().post("/v1/legal-holds")
                    .then().statusCode(201).body("holdId", equalTo(holdId));
            assertThat(RetentionTests.count(dataSource, "SELECT count(*) FROM legal_hold WHERE member_id = ?", member))
                    .isEqualTo(1);
            JsonNode placed = RetentionTests.await(probe, LegalHoldPlaced.class, member.toString(), e -> true).get(0);
            assertThat(placed.path("legalReference").asText()).isEqualTo("Seoul Central District Court 2026-GH-1234");
            assertThat(placed.toString()).doesNotContain("fraud investigation");

            RetentionTests.withdraw(member, Instant.now());
            await().atMost(RetentionTests.WAIT).until(() -> RetentionTests.count(dataSource,
                    "SELECT count(*) FROM retention_schedule WHERE member_id = ? AND category = 'LIVE_PROFILE'", member) == 1);
            // several sweeps pass: the due schedules stay, held
            probe.pollUntil(r -> false, Duration.ofSeconds(3));
            assertThat(RetentionTests.ofType(probe.seen(), RetentionExpired.class, member.toString())).isEmpty();
            given().auth().oauth2(DevTokens.member(member)).when().get("/v1/members/" + member + "/retention-schedule")
                    .then().statusCode(200)
                    .body("schedules.find { it.category == 'LIVE_PROFILE' }.state", equalTo("SCHEDULED"))
                    .body("schedules.find { it.category == 'LIVE_PROFILE' }.held", equalTo(true));

            given().auth().oauth2(RetentionTests.officer()).when().post("/v1/legal-holds/" + holdId + "/release")
                    .then().statusCode(200).body("schedulesExpired", equalTo(3));
            // the expiries (owners' topics) and the release (retention.events) may arrive in either order
            var records = probe.pollUntil(r -> RetentionTests.ofType(r, RetentionExpired.class, member.toString()).size() >= 3
                    && !RetentionTests.ofType(r, LegalHoldReleased.class, member.toString()).isEmpty(), RetentionTests.WAIT);
            assertThat(RetentionTests.ofType(records, RetentionExpired.class, member.toString()))
                    .extracting(e -> e.path("category").asText())
                    .containsExactlyInAnyOrder("LIVE_PROFILE", "MARKETING_DATA", "COOKIE_PREFERENCES");
            assertThat(RetentionTests.ofType(records, LegalHoldReleased.class, member.toString())).hasSize(1);
            // released once only
            given().auth().oauth2(RetentionTests.officer()).when().post("/v1/legal-holds/" + holdId + "/release")
                    .then().statusCode(409).contentType("application/problem+json");
        }
    }

    @Test
    void P07_aHoldOnACategoryHoldsThatCategoryForEveryMemberAndNothingElse() {
        UUID member = UUID.randomUUID();
        String holdId = given().auth().oauth2(RetentionTests.officer()).contentType(ContentType.JSON)
                .body(hold("KFTC case 2026-0042", null, "MARKETING_DATA")).when().post("/v1/legal-holds")
                .then().statusCode(201).extract().path("holdId");
        try (TopicProbe probe = RetentionTests.probeAllItPublishes()) {
            RetentionTests.withdraw(member, Instant.now());
            RetentionTests.await(probe, RetentionExpired.class, member.toString(),
                    e -> e.path("category").asText().equals("COOKIE_PREFERENCES"));
            probe.pollUntil(r -> false, Duration.ofSeconds(2));
            assertThat(RetentionTests.ofType(probe.seen(), RetentionExpired.class, member.toString()))
                    .noneMatch(e -> e.path("category").asText().equals("MARKETING_DATA"));
            given().auth().oauth2(RetentionTests.officer()).when().get("/v1/legal-holds")
                    .then().statusCode(200).body("holdId", hasItems(holdId));
        } finally {
            given().auth().oauth2(RetentionTests.officer()).when().post("/v1/legal-holds/" + holdId + "/release")
                    .then().statusCode(200);
        }
        await().atMost(RetentionTests.WAIT).until(() -> RetentionTests.count(dataSource,
                "SELECT count(*) FROM retention_schedule WHERE member_id = ? AND category = 'MARKETING_DATA' "
                        + "AND state = 'EXPIRED'", member) == 1);
    }

    @Test
    void badHoldRequestsAreProblemsAndHoldsArePrivacyOfficerOnly() {
        JsonPath noScope = given().auth().oauth2(RetentionTests.officer()).contentType(ContentType.JSON)
                .body(hold("Case 1", null, null)).when().post("/v1/legal-holds")
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertThat(noScope.getList("violations.field", String.class)).contains("memberId", "category");

        Map<String, Object> blank = hold(" ", UUID.randomUUID(), null);
        blank.put("reason", "");
        JsonPath blanks = given().auth().oauth2(RetentionTests.officer()).contentType(ContentType.JSON).body(blank)
                .when().post("/v1/legal-holds").then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath();
        assertThat(blanks.getList("violations.field", String.class)).contains("reference", "reason");

        given().auth().oauth2(RetentionTests.officer()).contentType(ContentType.JSON)
                .body(hold("Case 2", null, "NOT_A_CATEGORY")).when().post("/v1/legal-holds")
                .then().statusCode(400).contentType("application/problem+json");
        Map<String, Object> extra = hold("Case 3", UUID.randomUUID(), null);
        extra.put("email", "someone@example.com");
        given().auth().oauth2(RetentionTests.officer()).contentType(ContentType.JSON).body(extra)
                .when().post("/v1/legal-holds").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(RetentionTests.officer()).when().post("/v1/legal-holds/" + UUID.randomUUID() + "/release")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.member(UUID.randomUUID())).contentType(ContentType.JSON)
                .body(hold("Case 4", UUID.randomUUID(), null)).when().post("/v1/legal-holds").then().statusCode(403);
        given().auth().oauth2(DevTokens.staff("compliance")).when().get("/v1/legal-holds").then().statusCode(403);
    }

    private static Map<String, Object> hold(String reference, UUID member, String category) {
        Map<String, Object> body = new HashMap<>();
        body.put("reference", reference);
        body.put("reason", "fraud investigation of the account");
        if (member != null) {
            body.put("memberId", member.toString());
        }
        if (category != null) {
            body.put("category", category);
        }
        return body;
    }
}
