package dev.privacy.member;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.events.member.ComplaintReceived;
import dev.privacy.platform.events.member.ComplaintResolved;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import dev.privacy.platform.runtime.clock.AdjustableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.sql.SQLException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** P12, P20: the privacy desk records cases by channel with a 10-day deadline, and shows and alerts what is overdue. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class PrivacyDeskTest {

    private static final String OFFICER = DevTokens.staff("privacy-officer");

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @jakarta.inject.Inject
    AdjustableClock clock;
    private static final String OPS = DevTokens.staff("ops");
    private static final Pattern GAUGE = Pattern.compile("(?m)^privacy_desk_overdue_cases(?:\\{[^}]*})?\\s+([0-9.eE+-]+)$");

    @Test
    void P12_P20_aMemberFilesAWebCaseWithATenDayDeadlineAndComplaintReceivedCarriesNoText() {
        TestMembers.Member m = TestMembers.newMember();
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            ExtractableResponse<Response> created = as(m.token()).contentType(ContentType.JSON)
                    .body(Map.of("kind", "COMPLAINT", "description", "Marketing mail keeps coming to Seoul-gu flat 12"))
                    .post("/v1/privacy-desk/cases")
                    .then().statusCode(201).contentType(ContentType.JSON)
                    .body("channel", equalTo("WEB"))
                    .body("memberId", equalTo(m.id().toString()))
                    .body("status", equalTo("OPEN"))
                    .extract();
            Instant received = Instant.parse(created.path("receivedAt"));
            Instant due = Instant.parse(created.path("dueAt"));
            assertThat(Duration.between(received, due)).isEqualTo(Duration.ofDays(10));
            String caseId = created.path("caseId");

            var records = probe.pollUntil(r -> !TestMembers.ofType(r, ComplaintReceived.class, m.id()).isEmpty(),
                    Duration.ofSeconds(20));
            var event = TestMembers.ofType(records, ComplaintReceived.class, m.id());
            assertThat(event).hasSize(1);
            var json = TestMembers.json(event.get(0));
            assertThat(json.path("complaintId").asText()).isEqualTo(caseId);
            assertThat(json.path("channel").asText()).isEqualTo("WEB");
            assertThat(Instant.parse(json.path("dueAt").asText())).isEqualTo(due);
            assertThat(TestMembers.data(event.get(0))).doesNotContain("Seoul").doesNotContain("Marketing mail");

            as(m.token()).get("/v1/members/" + m.id() + "/cases").then().statusCode(200)
                    .body("[0].caseId", equalTo(caseId))
                    .body("[0].description", equalTo("Marketing mail keeps coming to Seoul-gu flat 12"));
        }
    }

    @Test
    void P12_aPrivacyOfficerRecordsAPhoneCaseWithoutAMemberAndResolvesIt() {
        String caseId = as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("kind", "ACCESS_REQUEST", "channel", "PHONE", "description", "Caller asked what we hold"))
                .post("/v1/privacy-desk/cases")
                .then().statusCode(201).body("channel", equalTo("PHONE")).body("memberId", nullValue())
                .extract().path("caseId");
        as(OFFICER).queryParam("status", "open").get("/v1/privacy-desk/cases").then().statusCode(200)
                .body("find { it.caseId == '" + caseId + "' }.kind", equalTo("ACCESS_REQUEST"))
                .body("find { it.caseId == '" + caseId + "' }.description", nullValue());
        as(OFFICER).get("/v1/privacy-desk/cases/" + caseId).then().statusCode(200)
                .body("description", equalTo("Caller asked what we hold"));
        as(OFFICER).post("/v1/privacy-desk/cases/" + caseId + "/start").then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));

        UUID subject = UUID.fromString(caseId);
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            as(OFFICER).contentType(ContentType.JSON)
                    .body(Map.of("outcome", "FULFILLED", "resolutionNote", "Sent the summary by post"))
                    .post("/v1/privacy-desk/cases/" + caseId + "/resolve")
                    .then().statusCode(200).body("status", equalTo("RESOLVED")).body("outcome", equalTo("FULFILLED"));
            var records = probe.pollUntil(r -> !TestMembers.ofType(r, ComplaintResolved.class, subject).isEmpty(),
                    Duration.ofSeconds(20));
            var resolved = TestMembers.ofType(records, ComplaintResolved.class, subject);
            assertThat(resolved).hasSize(1);
            assertThat(TestMembers.json(resolved.get(0)).path("outcome").asText()).isEqualTo("FULFILLED");
            assertThat(TestMembers.data(resolved.get(0))).doesNotContain("summary");
            assertThat(TestMembers.ofType(records, ComplaintReceived.class, subject)).hasSize(1);
        }
        as(OFFICER).get("/v1/privacy-desk/cases/" + caseId).then().statusCode(200)
                .body("resolutionNote", equalTo("Sent the summary by post"));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("outcome", "REJECTED"))
                .post("/v1/privacy-desk/cases/" + caseId + "/resolve").then().statusCode(409);
        as(OFFICER).queryParam("status", "open").get("/v1/privacy-desk/cases").then().statusCode(200)
                .body("find { it.caseId == '" + caseId + "' }", nullValue());
    }

    @Test
    void P12_channelsFollowWhoRecordsTheCase() {
        TestMembers.Member m = TestMembers.newMember();
        as(m.token()).contentType(ContentType.JSON).body(Map.of("kind", "COMPLAINT", "channel", "PHONE"))
                .post("/v1/privacy-desk/cases").then().statusCode(400).body("violations[0].field", equalTo("channel"));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("kind", "COMPLAINT"))
                .post("/v1/privacy-desk/cases").then().statusCode(400).body("violations[0].field", equalTo("channel"));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("kind", "COMPLAINT", "channel", "WEB"))
                .post("/v1/privacy-desk/cases").then().statusCode(400).body("violations[0].field", equalTo("channel"));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("kind", "NOT_A_KIND", "channel", "EMAIL"))
                .post("/v1/privacy-desk/cases").then().statusCode(400).body("violations[0].field", equalTo("kind"));
        as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("kind", "DELETION_REQUEST", "channel", "WRITTEN", "memberId", m.id().toString()))
                .post("/v1/privacy-desk/cases").then().statusCode(201).body("memberId", equalTo(m.id().toString()));
        as(m.token()).get("/v1/members/" + m.id() + "/cases").then().statusCode(200)
                .body("[0].channel", equalTo("WRITTEN")).body("[0].kind", equalTo("DELETION_REQUEST"));
    }

    /** The service clock is shared by every test of this JVM: whatever a test moved, it is put back. */
    @AfterEach
    void restoreTheServiceClock() {
        clock.reset();
    }

    @Test
    void P12_P20_aCaseBecomesOverdueWhenTheClockPassesItsDeadlineAndTheGaugeCountsExactlyTheOverdueCases() {
        TestMembers.Member m = TestMembers.newMember();
        String caseId = as(m.token()).contentType(ContentType.JSON).body(Map.of("kind", "CORRECTION_REQUEST"))
                .post("/v1/privacy-desk/cases").then().statusCode(201).extract().path("caseId");

        Map<String, Instant> openBefore = dueDates("open");
        Set<String> overdueBefore = dueDates("overdue").keySet();
        assertThat(openBefore).containsKey(caseId);
        assertThat(overdueBefore).doesNotContain(caseId);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(overdueGauge()).isEqualTo(overdueBefore.size()));

        Instant now = Instant.parse(as(OPS).contentType(ContentType.JSON).body(Map.of("by", "P11D"))
                .post("/v1/ops/clock/advance").then().statusCode(200).extract().path("now"));

        // exactly the open cases whose deadline the clock passed became overdue, this one among them
        Set<String> expectedOverdue = openBefore.entrySet().stream().filter(e -> e.getValue().isBefore(now))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(expectedOverdue).contains(caseId).containsAll(overdueBefore);
        assertThat(dueDates("overdue").keySet()).isEqualTo(expectedOverdue);
        String inList = "find { it.caseId == '" + caseId + "' }";
        as(OFFICER).queryParam("status", "overdue").get("/v1/privacy-desk/cases").then().statusCode(200)
                .body(inList + ".overdue", equalTo(true))
                .body(inList + ".status", equalTo("OPEN"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(overdueGauge()).isEqualTo(expectedOverdue.size()));

        // resolving it takes exactly this case off the list and the gauge
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("outcome", "WITHDRAWN"))
                .post("/v1/privacy-desk/cases/" + caseId + "/resolve").then().statusCode(200)
                .body("overdue", equalTo(false));
        Set<String> stillOverdue = new HashSet<>(expectedOverdue);
        stillOverdue.remove(caseId);
        assertThat(dueDates("overdue").keySet()).isEqualTo(stillOverdue);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(overdueGauge()).isEqualTo(expectedOverdue.size() - 1));
    }

    /** The cases of a list, by ID, with their deadlines. */
    private static Map<String, Instant> dueDates(String status) {
        List<Map<String, Object>> cases = as(OFFICER).queryParam("status", status).get("/v1/privacy-desk/cases")
                .then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Instant> due = new HashMap<>();
        cases.forEach(c -> due.put((String) c.get("caseId"), Instant.parse((String) c.get("dueAt"))));
        return due;
    }

    @Test
    void privacyDeskRoleMatrix() {
        TestMembers.Member a = TestMembers.newMember();
        TestMembers.Member b = TestMembers.newMember();
        String caseId = as(a.token()).contentType(ContentType.JSON).body(Map.of("kind", "COMPLAINT"))
                .post("/v1/privacy-desk/cases").then().statusCode(201).extract().path("caseId");
        // a member files only for themself, and sees only their own cases
        as(b.token()).contentType(ContentType.JSON).body(Map.of("kind", "COMPLAINT", "memberId", a.id().toString()))
                .post("/v1/privacy-desk/cases").then().statusCode(404);
        as(b.token()).get("/v1/members/" + a.id() + "/cases").then().statusCode(404);
        as(OFFICER).get("/v1/members/" + a.id() + "/cases").then().statusCode(200)
                .body("[0].caseId", equalTo(caseId));

        String compliance = DevTokens.staff("compliance");
        String service = DevTokens.service("disclosure-service");
        for (String token : List.of(a.token(), compliance, OPS, service)) {
            as(token).get("/v1/privacy-desk/cases").then().statusCode(403);
            as(token).get("/v1/privacy-desk/cases/" + caseId).then().statusCode(403);
            as(token).post("/v1/privacy-desk/cases/" + caseId + "/start").then().statusCode(403);
            as(token).contentType(ContentType.JSON).body(Map.of("outcome", "FULFILLED"))
                    .post("/v1/privacy-desk/cases/" + caseId + "/resolve").then().statusCode(403);
        }
        for (String token : List.of(compliance, OPS, service)) {
            as(token).contentType(ContentType.JSON).body(Map.of("kind", "COMPLAINT", "channel", "EMAIL"))
                    .post("/v1/privacy-desk/cases").then().statusCode(403);
            as(token).get("/v1/members/" + a.id() + "/cases").then().statusCode(403);
        }
        given().get("/v1/privacy-desk/cases").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("kind", "COMPLAINT"))
                .post("/v1/privacy-desk/cases").then().statusCode(401);
        as(OFFICER).queryParam("status", "whatever").get("/v1/privacy-desk/cases").then().statusCode(400)
                .body("violations[0].field", equalTo("status"));
        as(OFFICER).get("/v1/privacy-desk/cases/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void P07_P09_complaintRecordsExpiryDestroysAResolvedCaseAndCryptoShredsTheKeyOfACaseWithoutAMember() throws Exception {
        String caseId = as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("kind", "COMPLAINT", "channel", "WRITTEN", "description", "Letter about a lost parcel"))
                .post("/v1/privacy-desk/cases").then().statusCode(201).extract().path("caseId");
        UUID subject = UUID.fromString(caseId);
        assertThat(count("SELECT count(*) FROM member_data_key WHERE member_id = ?", subject)).isEqualTo(1);
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("outcome", "FULFILLED"))
                .post("/v1/privacy-desk/cases/" + caseId + "/resolve").then().statusCode(200);
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            UUID schedule = UUID.randomUUID();
            TestMembers.publish(Topics.retentionExpired(Services.MEMBER), new RetentionExpired(schedule, subject,
                    DataCategory.COMPLAINT_RECORDS, "member-service", Instant.now()), UUID.randomUUID());
            var records = probe.pollUntil(r -> TestMembers.ofType(r, DataDestroyed.class, subject).stream()
                    .anyMatch(x -> schedule.toString().equals(TestMembers.json(x).path("scheduleId").asText())),
                    Duration.ofSeconds(30));
            var destroyed = TestMembers.json(TestMembers.ofType(records, DataDestroyed.class, subject).get(0));
            assertThat(destroyed.path("category").asText()).isEqualTo("COMPLAINT_RECORDS");
            assertThat(destroyed.path("recordCount").asLong()).isEqualTo(1);
            assertThat(destroyed.path("method").asText()).isEqualTo("CRYPTO_SHRED");
        }
        assertThat(count("SELECT count(*) FROM privacy_desk_case WHERE id = ?", subject)).isZero();
        assertThat(count("SELECT count(*) FROM member_data_key WHERE member_id = ?", subject)).isZero();
    }

    private long count(String sql, UUID id) throws java.sql.SQLException {
        return TestMembers.count(dataSource, sql, id);
    }

    private static long overdueGauge() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = GAUGE.matcher(metrics);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).when();
    }
}
