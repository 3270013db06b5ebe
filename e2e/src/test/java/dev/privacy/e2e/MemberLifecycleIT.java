package dev.privacy.e2e;

import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.TopicProbe;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.privacy.e2e.Members.signUp;
import static dev.privacy.e2e.Members.signUpBody;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** A member's life across the packaged services, checked against the promises it keeps. */
class MemberLifecycleIT {

    private final PlatformUnderTest platform = PlatformUnderTest.get();

    @Test
    void P01_signUpRefusesAFieldThePolicyDoesNotList() {
        String body = signUpBody(UUID.randomUUID().toString().substring(0, 8)).replace("\"over14\":true",
                "\"over14\":true,\"birthDate\":\"2001-02-03\"");
        given().contentType(ContentType.JSON).body(body)
                .when().post(platform.member().baseUrl() + "/v1/members")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("birthDate"));
    }

    @Test
    void P11_memberViewsModifiesAndWithdrawsThroughSelfService() {
        String member = platform.member().baseUrl();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID memberId = signUp(member, signUpBody(suffix));
        String token = given().contentType(ContentType.JSON)
                .body("{\"loginId\":\"life_" + suffix + "\",\"password\":\"life-pass-" + suffix + "\"}")
                .when().post(member + "/v1/sessions").then().statusCode(200).extract().jsonPath().getString("accessToken");

        given().auth().oauth2(token).when().get(member + "/v1/members/{id}", memberId)
                .then().statusCode(200).body("email", equalTo("life_" + suffix + "@example.com"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"email\":\"new_" + suffix + "@example.com\"}")
                .when().patch(member + "/v1/members/{id}", memberId).then().statusCode(200);
        given().auth().oauth2(token).when().get(member + "/v1/members/{id}", memberId)
                .then().statusCode(200).body("email", equalTo("new_" + suffix + "@example.com"));

        given().auth().oauth2(token).when().delete(member + "/v1/members/{id}", memberId).then().statusCode(204);
        given().auth().oauth2(token).when().get(member + "/v1/members/{id}", memberId).then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{\"loginId\":\"life_" + suffix + "\",\"password\":\"life-pass-" + suffix + "\"}")
                .when().post(member + "/v1/sessions").then().statusCode(401);
    }

    @Test
    void P02_aProfileReadByStaffIsAnAccessRecordInTheAuditLog() {
        String member = platform.member().baseUrl();
        UUID memberId = signUp(member, signUpBody(UUID.randomUUID().toString().substring(0, 8)));
        given().auth().oauth2(DevTokens.staff("officer-kim", "privacy-officer")).queryParam("purpose", "MEMBER_MANAGEMENT")
                .when().get(member + "/v1/members/{id}", memberId).then().statusCode(200);

        String audit = platform.service("audit-log-service").baseUrl();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Map<String, Object>> entries = Members.auditEntries(audit, memberId);
            assertThat(entries).anySatisfy(e -> {
                assertThat(e.get("sourceType")).isEqualTo("AccessRecorded.v1");
                assertThat(e.get("sourceTopic")).isEqualTo("access.records");
            });
        });
    }

    @Test
    void P08_aSignUpMatchingAWithdrawnMemberIsAcceptedFlaggedAndReviewedByAPrivacyOfficer() {
        String member = platform.member().baseUrl();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID withdrawn = signUp(member, signUpBody(suffix));
        given().auth().oauth2(DevTokens.member(withdrawn)).when().delete(member + "/v1/members/{id}", withdrawn)
                .then().statusCode(204);
        // the same e-mail under a new login ID: checked against the separated store, accepted, flagged
        UUID returning = signUp(member, signUpBody(suffix).replace("\"loginId\":\"life_", "\"loginId\":\"back_"));

        String officer = DevTokens.staff("officer-kim", "privacy-officer");
        List<String> awaiting = given().auth().oauth2(officer).when().get(member + "/v1/fraud-reviews")
                .then().statusCode(200).extract().jsonPath().getList("memberId");
        assertThat(awaiting).contains(returning.toString()).doesNotContain(withdrawn.toString());
        given().auth().oauth2(officer).when().post(member + "/v1/fraud-reviews/{id}/clear", returning)
                .then().statusCode(200).body("memberId", equalTo(returning.toString()));
        assertThat(given().auth().oauth2(officer).when().get(member + "/v1/fraud-reviews")
                .then().statusCode(200).extract().jsonPath().<String>getList("memberId"))
                .doesNotContain(returning.toString());

        // the read of the separated store that the check made is in the audit log, on the withdrawn member
        String audit = platform.service("audit-log-service").baseUrl();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Members.auditTypes(audit, withdrawn).stream().filter("AccessRecorded.v1"::equals).count())
                        .as("sign-up, withdrawal and the fraud-prevention read").isGreaterThanOrEqualTo(3));
    }

    /** docs/ARCHITECTURE.md R7: marker values go in through the APIs and come out on no topic. */
    @Test
    void noPersonalDataValueAppearsOnAnyTopicOrInAnyServiceLog() throws Exception {
        String member = platform.member().baseUrl();
        String marker = "MRK" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String body = """
                {"name":"Name-%1$s","loginId":"login_%1$s","password":"pw-%1$s-secret","mobile":"+821077788899",
                 "email":"mail_%1$s@example.com","over14":true}""".formatted(marker.toLowerCase());
        UUID memberId = signUp(member, body);
        String token = DevTokens.member(memberId);
        given().auth().oauth2(token).when().get(member + "/v1/members/{id}", memberId).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"Renamed-" + marker.toLowerCase() + "\"}")
                .when().patch(member + "/v1/members/{id}", memberId).then().statusCode(200);
        given().auth().oauth2(token).when().delete(member + "/v1/members/{id}", memberId).then().statusCode(204);

        // Wait until the audit log has seen the withdrawal: every service has published by then.
        String audit = platform.service("audit-log-service").baseUrl();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Members.auditTypes(audit, memberId)).contains("MemberWithdrawn.v1"));

        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka.bootstrapServers()))) {
            topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
        assertThat(topics).contains("member.events", "access.records", "audit.compliance");
        try (TopicProbe probe = new TopicProbe(platform.kafka.bootstrapServers(), topics)) {
            List<ConsumerRecord<String, byte[]>> records = probe.drain(Duration.ofSeconds(30));
            assertThat(records).isNotEmpty();
            String needle = marker.toLowerCase();
            for (ConsumerRecord<String, byte[]> record : records) {
                String everything = (record.key() == null ? "" : record.key())
                        + new String(record.value() == null ? new byte[0] : record.value(), StandardCharsets.UTF_8)
                        + headers(record);
                assertThat(everything.toLowerCase()).as("record on %s at offset %d", record.topic(), record.offset())
                        .doesNotContain(needle).doesNotContain("1077788899");
            }
        }
        PersonalDataScan.assertNoLogCarries(platform.logs, Set.of(marker.toLowerCase(), "1077788899"));
    }

    private static String headers(ConsumerRecord<String, byte[]> record) {
        StringBuilder all = new StringBuilder();
        record.headers().forEach(h -> all.append(h.key()).append('=')
                .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)));
        return all.toString();
    }
}
