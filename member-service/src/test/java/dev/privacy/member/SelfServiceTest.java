package dev.privacy.member;

import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.events.member.CorrectionApplied;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
class SelfServiceTest {

    @Test
    void P02_P11_memberReadsOwnProfileAndTheReadIsAnAccessRecord() {
        TestMembers.Member m = TestMembers.newMember();
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            given().auth().oauth2(m.token()).when().get("/v1/members/" + m.id())
                    .then().statusCode(200)
                    .body("memberId", equalTo(m.id().toString()))
                    .body("name", equalTo("Kim Minji"))
                    .body("email", equalTo(m.loginId() + "@example.com"))
                    .body("mobile", equalTo("+821012345678"))
                    .body("status", equalTo("ACTIVE"));
            List<String> actions = accessActions(probe, m, 2);
            assertThat(actions).contains("READ");
        }
    }

    @Test
    void P11_modificationEmitsCorrectionAppliedWithTheChangedFieldNamesOnly() {
        TestMembers.Member m = TestMembers.newMember();
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            given().auth().oauth2(m.token()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Lee Minji", "mobile", "+821055556666", "email", m.loginId() + "@example.com"))
                    .when().patch("/v1/members/" + m.id())
                    .then().statusCode(200).body("name", equalTo("Lee Minji")).body("mobile", equalTo("+821055556666"));
            var records = probe.pollUntil(r -> !TestMembers.ofType(r, CorrectionApplied.class, m.id()).isEmpty(),
                    Duration.ofSeconds(20));
            var applied = TestMembers.ofType(records, CorrectionApplied.class, m.id());
            assertThat(applied).hasSize(1);
            List<String> fields = new ArrayList<>();
            TestMembers.json(applied.get(0)).path("fields").forEach(f -> fields.add(f.asText()));
            assertThat(fields).containsExactlyInAnyOrder("name", "mobile");
            assertThat(TestMembers.data(applied.get(0))).doesNotContain("Lee Minji").doesNotContain("55556666");
        }
        given().auth().oauth2(m.token()).when().get("/v1/members/" + m.id())
                .then().statusCode(200).body("name", equalTo("Lee Minji"));
    }

    @Test
    void modificationValidatesFieldsAndRefusesLoginIdAndUnknownFields() {
        TestMembers.Member m = TestMembers.newMember();
        given().auth().oauth2(m.token()).contentType(ContentType.JSON).body(Map.of("mobile", "123"))
                .when().patch("/v1/members/" + m.id())
                .then().statusCode(400).body("violations.field", hasItem("mobile"));
        given().auth().oauth2(m.token()).contentType(ContentType.JSON).body(Map.of("loginId", "other"))
                .when().patch("/v1/members/" + m.id())
                .then().statusCode(400).body("violations.field", hasItem("loginId"));
        given().auth().oauth2(m.token()).contentType(ContentType.JSON).body(Map.of())
                .when().patch("/v1/members/" + m.id())
                .then().statusCode(400);
    }

    @Test
    void changingEmailToOneInUseIsAConflict() {
        TestMembers.Member a = TestMembers.newMember();
        TestMembers.Member b = TestMembers.newMember();
        given().auth().oauth2(a.token()).contentType(ContentType.JSON).body(Map.of("email", b.loginId() + "@example.com"))
                .when().patch("/v1/members/" + a.id())
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void P02_P11_exportGivesEverythingHeldAsADownloadAndIsRecorded() {
        TestMembers.Member m = TestMembers.newMember();
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            given().auth().oauth2(m.token()).when().get("/v1/members/" + m.id() + "/export")
                    .then().statusCode(200)
                    .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment"))
                    .body("member.loginId", equalTo(m.loginId()))
                    .body("member.email", equalTo(m.loginId() + "@example.com"))
                    .body("guardianConsentRequired", equalTo(false));
            assertThat(accessActions(probe, m, 3)).contains("EXPORT");
        }
    }

    @Test
    void P02_P03_staffMustStateAnAllowedPurposeAndTheirReadIsRecordedWithIt() {
        TestMembers.Member m = TestMembers.newMember();
        String officer = DevTokens.staff("privacy-officer");
        given().auth().oauth2(officer).when().get("/v1/members/" + m.id())
                .then().statusCode(400).body("violations[0].field", equalTo("purpose"));
        given().auth().oauth2(officer).queryParam("purpose", "NOT_A_PURPOSE").when().get("/v1/members/" + m.id())
                .then().statusCode(400).body("violations[0].field", equalTo("purpose"));
        given().auth().oauth2(officer).queryParam("purpose", "MARKETING").when().get("/v1/members/" + m.id())
                .then().statusCode(400).body("violations[0].field", equalTo("purpose"));
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            given().auth().oauth2(officer).queryParam("purpose", "COMPLAINT_HANDLING").when().get("/v1/members/" + m.id())
                    .then().statusCode(200).body("loginId", equalTo(m.loginId()));
            var records = probe.pollUntil(r -> r.stream().anyMatch(x -> isStaffRead(x, m)), Duration.ofSeconds(20));
            var staffRead = records.stream().filter(x -> isStaffRead(x, m)).findFirst().orElseThrow();
            assertThat(TestMembers.json(staffRead).path("purpose").asText()).isEqualTo("COMPLAINT_HANDLING");
            assertThat(TestMembers.json(staffRead).path("actorRole").asText()).isEqualTo("PRIVACY_OFFICER");
        }
    }

    private static boolean isStaffRead(ConsumerRecord<String, byte[]> r, TestMembers.Member m) {
        return m.id().toString().equals(r.key())
                && "staff-privacy-officer".equals(TestMembers.json(r).path("actorId").asText());
    }

    /** The actions of the access records of the member, once at least {@code atLeast} were seen. */
    private static List<String> accessActions(TopicProbe probe, TestMembers.Member m, int atLeast) {
        var records = probe.pollUntil(r -> TestMembers.ofType(r, AccessRecorded.class, m.id()).size() >= atLeast,
                Duration.ofSeconds(20));
        return TestMembers.ofType(records, AccessRecorded.class, m.id()).stream()
                .map(r -> TestMembers.json(r).path("action").asText()).toList();
    }
}
