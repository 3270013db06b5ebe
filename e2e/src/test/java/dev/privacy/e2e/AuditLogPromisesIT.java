package dev.privacy.e2e;

import dev.privacy.e2e.Members.Member;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.privacy.e2e.Members.COMPLIANCE;
import static dev.privacy.e2e.Members.OFFICER;
import static dev.privacy.e2e.Members.PROPAGATION;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * P17, P19: members' service logs go after three months, staff access records after two years, and
 * the audit chain verifies over the whole run, purged spans included. The retention-service's clock
 * drives the rolling windows; it is reset after each test.
 */
class AuditLogPromisesIT {

    private final PlatformUnderTest platform = PlatformUnderTest.get();
    private final String member = platform.member().baseUrl();
    private final String retention = platform.service("retention-service").baseUrl();
    private final String audit = platform.service("audit-log-service").baseUrl();

    /** Nothing any e2e test put in so far has left through a topic or a log. */
    @AfterAll
    static void noPersonalValueEscapedThroughATopicOrALog() throws Exception {
        PersonalDataScan.assertNothingEscaped(PlatformUnderTest.get());
    }

    @Test
    void P17_serviceLogsArePurgedAfterThreeMonthsAndTheChainVerifiesOverTheWholeRunIncludingThePurgedSpan() {
        Member m = Members.signUpMarked(member, true);
        given().auth().oauth2(m.token()).when().get(member + "/v1/members/{id}", m.id()).then().statusCode(200);
        given().auth().oauth2(OFFICER).queryParam("purpose", "MEMBER_MANAGEMENT").when().get(member + "/v1/members/{id}", m.id())
                .then().statusCode(200);
        Map<String, Object> own = awaitAccessEntry(m, "SERVICE_LOGS");
        Map<String, Object> staff = awaitAccessEntry(m, "STAFF_ACCESS_RECORDS");

        Members.advanceClock(retention, "P3M2D");
        try {
            await().atMost(PROPAGATION).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(entryOfEvent(own.get("sourceEventId"))).satisfies(e -> {
                        assertThat(e.get("purgedAt")).as("content purged").isNotNull();
                        assertThat(e.get("memberId")).isNull();
                        assertThat((List<?>) e.get("fields")).isEmpty();
                        assertThat(e.get("hash")).as("its link kept").isEqualTo(own.get("hash"));
                    }));
        } finally {
            Members.resetClock(retention);
        }
        assertThat(entryOfEvent(staff.get("sourceEventId"))).as("staff access records are kept 2 years (P19)").satisfies(e -> {
            assertThat(e.get("purgedAt")).isNull();
            assertThat(e.get("memberId")).isEqualTo(m.id().toString());
        });
        // the purge is certified like any destruction
        Instant recorded = Instant.parse((String) own.get("recordedAt"));
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(certificates("SERVICE_LOGS")).anySatisfy(c -> {
            assertThat(c.get("destroyedBy")).isEqualTo("audit-log-service");
            assertThat(Instant.parse((String) c.get("createdBefore"))).isAfter(recorded);
        }));
        assertWholeChainVerifies();
    }

    @Test
    void P19_staffAccessRecordsAreKeptTwoYearsReviewedMonthlyAndTheChainProvesThemUnchanged() {
        Member m = Members.signUpMarked(member, true);
        given().auth().oauth2(OFFICER).queryParam("purpose", "MEMBER_MANAGEMENT").when().get(member + "/v1/members/{id}", m.id())
                .then().statusCode(200);
        Map<String, Object> staff = awaitAccessEntry(m, "STAFF_ACCESS_RECORDS");
        assertThat(staff.get("actorId")).isEqualTo("officer-kim");

        // the monthly review for the privacy officer names the officer and what was reached
        String month = YearMonth.from(Instant.parse((String) staff.get("recordedAt")).atZone(ZoneOffset.UTC)).toString();
        List<Map<String, Object>> reviews = given().auth().oauth2(OFFICER).queryParam("month", month)
                .when().get(audit + "/v1/audit/access-review").then().statusCode(200).extract().jsonPath().getList("reviews");
        assertThat(reviews).anySatisfy(r -> {
            assertThat(r.get("actorId")).isEqualTo("officer-kim");
            assertThat(((Number) r.get("members")).longValue()).isPositive();
        });

        Members.advanceClock(retention, "P1Y1D");
        try {
            // a year on: the staff record still holds its content
            await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(entryOfEvent(staff.get("sourceEventId")).get("purgedAt")).isNull());
            Members.advanceClock(retention, "P1Y2D");
            await().atMost(PROPAGATION).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(entryOfEvent(staff.get("sourceEventId"))).satisfies(e -> {
                        assertThat(e.get("purgedAt")).as("purged after two years").isNotNull();
                        assertThat(e.get("actorId")).isNull();
                    }));
        } finally {
            Members.resetClock(retention);
        }
        await().atMost(PROPAGATION).untilAsserted(() ->
                assertThat(certificates("STAFF_ACCESS_RECORDS")).anySatisfy(c ->
                        assertThat(c.get("destroyedBy")).isEqualTo("audit-log-service")));
        assertWholeChainVerifies();
    }

    private void assertWholeChainVerifies() {
        JsonPath verification = given().auth().oauth2(COMPLIANCE).when().get(audit + "/v1/audit/verification")
                .then().statusCode(200).extract().jsonPath();
        assertThat(verification.getBoolean("intact")).as("whole chain: %s", verification.prettify()).isTrue();
        assertThat(verification.getLong("purgedEntries")).isPositive();
        assertThat(verification.getLong("entriesChecked")).isGreaterThan(verification.getLong("purgedEntries"));
    }

    private Map<String, Object> awaitAccessEntry(Member m, String category) {
        return await().atMost(PROPAGATION).until(() -> Members.auditEntries(audit, m.id()).stream()
                .filter(e -> "AccessRecorded.v1".equals(e.get("sourceType")) && category.equals(e.get("category"))
                        && "READ".equals(e.get("action")))
                .reduce((a, b) -> b).orElse(null), e -> e != null);
    }

    private Map<String, Object> entryOfEvent(Object sourceEventId) {
        JsonPath body = given().auth().oauth2(COMPLIANCE).queryParam("sourceEventId", sourceEventId)
                .when().get(audit + "/v1/audit/entries").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = body.getList("entries");
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private List<Map<String, Object>> certificates(String category) {
        return given().auth().oauth2(OFFICER).queryParam("category", category)
                .when().get(retention + "/v1/destruction-certificates").then().statusCode(200).extract().jsonPath().getList("");
    }
}
