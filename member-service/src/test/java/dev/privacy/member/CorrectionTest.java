package dev.privacy.member;

import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.member.ComplaintReceived;
import dev.privacy.platform.events.member.CorrectionApplied;
import dev.privacy.platform.events.member.CorrectionRejected;
import dev.privacy.platform.events.member.CorrectionRequested;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** P13: a pending correction restricts its fields for every use but the correction itself. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
@QuarkusTestResource(DisclosureServiceStandIn.class)
class CorrectionTest {

    private static final String OFFICER = DevTokens.staff("privacy-officer");
    private static final String DISCLOSURE_SERVICE = DevTokens.service("disclosure-service");

    @Test
    void P13_P20_memberRequestsACorrectionAndSeesTheFieldsAsRestrictedAndCorrectionRequestedCarriesNamesOnly() {
        TestMembers.Member m = TestMembers.newMember();
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            String correctionId = as(m.token()).contentType(ContentType.JSON)
                    .body(Map.of("fields", List.of("name", "mobile"), "note", "My name is spelled Kim Min-ji"))
                    .post("/v1/members/" + m.id() + "/corrections")
                    .then().statusCode(201)
                    .body("status", equalTo("PENDING"))
                    .body("caseId", notNullValue())
                    .body("dueAt", notNullValue())
                    .extract().path("correctionId");

            as(m.token()).get("/v1/members/" + m.id()).then().statusCode(200)
                    .body("name", nullValue())
                    .body("mobile", nullValue())
                    .body("email", equalTo(m.loginId() + "@example.com"))
                    .body("restricted", containsInAnyOrder("name", "mobile"));

            var records = probe.pollUntil(r -> !TestMembers.ofType(r, CorrectionRequested.class, m.id()).isEmpty()
                    && !TestMembers.ofType(r, ComplaintReceived.class, m.id()).isEmpty(), Duration.ofSeconds(20));
            var requested = TestMembers.ofType(records, CorrectionRequested.class, m.id());
            assertThat(requested).hasSize(1);
            assertThat(TestMembers.json(requested.get(0)).path("correctionId").asText()).isEqualTo(correctionId);
            assertThat(fields(requested.get(0))).containsExactlyInAnyOrder("name", "mobile");
            assertThat(TestMembers.json(requested.get(0)).path("requestedByRole").asText()).isEqualTo("MEMBER");
            assertThat(TestMembers.data(requested.get(0))).doesNotContain("Min-ji").doesNotContain("Kim");
            var received = TestMembers.json(TestMembers.ofType(records, ComplaintReceived.class, m.id()).get(0));
            assertThat(received.path("kind").asText()).isEqualTo("CORRECTION_REQUEST");
            assertThat(received.path("channel").asText()).isEqualTo("WEB");
        }
    }

    @Test
    void P13_staffReadsOfARestrictedFieldAreRefusedForEveryPurposeButCorrection() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id();
        requestCorrection(m.token(), m.id(), List.of("name"));

        for (String purpose : List.of("MEMBER_MANAGEMENT", "CONTRACT_AND_BILLING", "COMPLAINT_HANDLING")) {
            as(OFFICER).queryParam("purpose", purpose).get(path).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:privacy-platform:problem:fields-restricted"))
                    .body("violations.field", equalTo(List.of("name")));
        }
        // no service reads a live profile through the profile API at all (the disclosure-service uses disclosure-view)
        as(DISCLOSURE_SERVICE).queryParam("purpose", "CONTRACT_AND_BILLING").get(path).then().statusCode(403);
        // the unrestricted fields stay readable
        as(OFFICER).queryParam("purpose", "MEMBER_MANAGEMENT").queryParam("fields", "email,mobile").get(path)
                .then().statusCode(200).body("email", equalTo(m.loginId() + "@example.com"))
                .body("name", nullValue()).body("restricted", equalTo(List.of("name")));
        // handling the correction itself may read the field
        as(OFFICER).queryParam("purpose", "CORRECTION").get(path).then().statusCode(200)
                .body("name", equalTo("Kim Minji")).body("restricted", equalTo(List.of("name")));
    }

    @Test
    void P10_P13_releaseForDisclosureIsRefusedWhileACorrectionIsPendingAndIsForTheDisclosureServiceOnly() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id() + "/disclosure-view";
        as(DISCLOSURE_SERVICE).queryParam("disclosureId", DisclosureServiceStandIn.approvedProvision(m.id(), "name", "email").toString())
                .queryParam("fields", "name,email").queryParam("purpose", "THIRD_PARTY_PROVISION")
                .get(path).then().statusCode(200).body("fields.name", equalTo("Kim Minji"));

        requestCorrection(m.token(), m.id(), List.of("name", "email"));
        as(DISCLOSURE_SERVICE).queryParam("disclosureId", UUID.randomUUID().toString()).queryParam("fields", "name,mobile,email").queryParam("purpose", "LAWFUL_DISCLOSURE")
                .get(path).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:privacy-platform:problem:fields-restricted"))
                .body("violations.field", equalTo(List.of("name", "email")));
        as(DISCLOSURE_SERVICE).queryParam("disclosureId", DisclosureServiceStandIn.approvedProvision(m.id(), "mobile").toString())
                .queryParam("fields", "mobile").queryParam("purpose", "THIRD_PARTY_PROVISION")
                .get(path).then().statusCode(200).body("fields.mobile", equalTo("+821012345678"))
                .body("fields.name", nullValue());
        as(DISCLOSURE_SERVICE).queryParam("disclosureId", UUID.randomUUID().toString()).queryParam("fields", "mobile").queryParam("purpose", "MARKETING")
                .get(path).then().statusCode(400).body("violations[0].field", equalTo("purpose"));
        for (String token : List.of(m.token(), OFFICER, DevTokens.staff("compliance"), DevTokens.staff("ops"))) {
            as(token).queryParam("fields", "mobile").queryParam("purpose", "THIRD_PARTY_PROVISION")
                    .queryParam("disclosureId", UUID.randomUUID().toString()).get(path).then().statusCode(403);
        }
    }

    @Test
    void P13_applyingLiftsTheRestrictionChangesTheValuesAndEmitsCorrectionAppliedWithTheCorrectionId() {
        TestMembers.Member m = TestMembers.newMember();
        String correctionId = requestCorrection(m.token(), m.id(), List.of("name"));
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            as(OFFICER).contentType(ContentType.JSON).body(Map.of("changes", Map.of("name", "Park Jisoo")))
                    .post("/v1/members/" + m.id() + "/corrections/" + correctionId + "/apply")
                    .then().statusCode(200).body("status", equalTo("APPLIED"));
            as(m.token()).get("/v1/members/" + m.id()).then().statusCode(200)
                    .body("name", equalTo("Park Jisoo")).body("restricted", empty());
            as(OFFICER).queryParam("purpose", "MEMBER_MANAGEMENT").get("/v1/members/" + m.id())
                    .then().statusCode(200).body("name", equalTo("Park Jisoo"));

            var records = probe.pollUntil(r -> TestMembers.ofType(r, CorrectionApplied.class, m.id()).stream()
                    .anyMatch(x -> correctionId.equals(TestMembers.json(x).path("correctionId").asText())), Duration.ofSeconds(20));
            var applied = TestMembers.ofType(records, CorrectionApplied.class, m.id()).stream()
                    .filter(x -> correctionId.equals(TestMembers.json(x).path("correctionId").asText())).toList();
            assertThat(applied).hasSize(1);
            assertThat(fields(applied.get(0))).containsExactly("name");
            assertThat(TestMembers.data(applied.get(0))).doesNotContain("Park").doesNotContain("Jisoo");
        }
        // the privacy-desk case that tracked the request is closed with it
        as(m.token()).get("/v1/members/" + m.id() + "/cases").then().statusCode(200)
                .body("find { it.correctionId == '" + correctionId + "' }.status", equalTo("RESOLVED"))
                .body("find { it.correctionId == '" + correctionId + "' }.outcome", equalTo("FULFILLED"));
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("changes", Map.of("name", "Again")))
                .post("/v1/members/" + m.id() + "/corrections/" + correctionId + "/apply")
                .then().statusCode(409);
    }

    @Test
    void P11_P13_theMemberMayApplyTheirOwnCorrectionAndTheChangesMustMatchItsFieldsAndBeValid() {
        TestMembers.Member m = TestMembers.newMember();
        String correctionId = requestCorrection(m.token(), m.id(), List.of("mobile", "email"));
        String apply = "/v1/members/" + m.id() + "/corrections/" + correctionId + "/apply";
        as(m.token()).contentType(ContentType.JSON).body(Map.of("changes", Map.of("mobile", "010-9999-8888")))
                .post(apply).then().statusCode(400).body("violations.field", hasItem("changes.email"));
        as(m.token()).contentType(ContentType.JSON)
                .body(Map.of("changes", Map.of("mobile", "010-9999-8888", "email", "x" + m.loginId() + "@example.com",
                        "name", "Not Asked")))
                .post(apply).then().statusCode(400).body("violations.field", hasItem("changes.name"));
        as(m.token()).contentType(ContentType.JSON)
                .body(Map.of("changes", Map.of("mobile", "12", "email", "not-an-email")))
                .post(apply).then().statusCode(400)
                .body("violations.field", containsInAnyOrder("changes.email", "changes.mobile"));
        as(m.token()).contentType(ContentType.JSON)
                .body(Map.of("changes", Map.of("mobile", "010-9999-8888", "email", "x" + m.loginId() + "@example.com")))
                .post(apply).then().statusCode(200).body("status", equalTo("APPLIED"));
        as(m.token()).get("/v1/members/" + m.id()).then().statusCode(200)
                .body("mobile", equalTo("+821099998888")).body("email", equalTo("x" + m.loginId() + "@example.com"));
    }

    @Test
    void P12_P13_rejectingEmitsCorrectionRejectedWithTheReasonCodeAndLiftsTheRestriction() {
        TestMembers.Member m = TestMembers.newMember();
        // a privacy officer records a request the member made by phone
        String correctionId = as(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("fields", List.of("email"), "channel", "PHONE"))
                .post("/v1/members/" + m.id() + "/corrections")
                .then().statusCode(201).body("caseId", notNullValue()).extract().path("correctionId");
        String reject = "/v1/members/" + m.id() + "/corrections/" + correctionId + "/reject";
        as(m.token()).contentType(ContentType.JSON).body(Map.of("reason", "NOT_INACCURATE")).post(reject)
                .then().statusCode(403);
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("reason", "the member's address is fine")).post(reject)
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            as(OFFICER).contentType(ContentType.JSON).body(Map.of("reason", "NOT_INACCURATE")).post(reject)
                    .then().statusCode(200).body("status", equalTo("REJECTED"));
            var records = probe.pollUntil(r -> !TestMembers.ofType(r, CorrectionRejected.class, m.id()).isEmpty(),
                    Duration.ofSeconds(20));
            var rejected = TestMembers.ofType(records, CorrectionRejected.class, m.id());
            assertThat(rejected).hasSize(1);
            var json = TestMembers.json(rejected.get(0));
            assertThat(json.path("correctionId").asText()).isEqualTo(correctionId);
            assertThat(json.path("reason").asText()).isEqualTo("NOT_INACCURATE");
            assertThat(fields(rejected.get(0))).containsExactly("email");
        }
        as(OFFICER).queryParam("purpose", "MEMBER_MANAGEMENT").get("/v1/members/" + m.id())
                .then().statusCode(200).body("email", equalTo(m.loginId() + "@example.com")).body("restricted", empty());
        as(m.token()).get("/v1/members/" + m.id() + "/cases").then().statusCode(200)
                .body("find { it.correctionId == '" + correctionId + "' }.channel", equalTo("PHONE"))
                .body("find { it.correctionId == '" + correctionId + "' }.outcome", equalTo("REJECTED"));
    }

    @Test
    void memberBCannotRequestApplyOrListCorrectionsOfMemberA() {
        TestMembers.Member a = TestMembers.newMember();
        TestMembers.Member b = TestMembers.newMember();
        as(b.token()).contentType(ContentType.JSON).body(Map.of("fields", List.of("name")))
                .post("/v1/members/" + a.id() + "/corrections").then().statusCode(404);
        String correctionId = requestCorrection(a.token(), a.id(), List.of("name"));
        as(b.token()).contentType(ContentType.JSON).body(Map.of("changes", Map.of("name", "Hijacked")))
                .post("/v1/members/" + a.id() + "/corrections/" + correctionId + "/apply").then().statusCode(404);
        // nor through their own member ID
        as(b.token()).contentType(ContentType.JSON).body(Map.of("changes", Map.of("name", "Hijacked")))
                .post("/v1/members/" + b.id() + "/corrections/" + correctionId + "/apply").then().statusCode(404);
        as(b.token()).get("/v1/members/" + a.id() + "/corrections").then().statusCode(404);
        as(a.token()).get("/v1/members/" + a.id() + "/corrections").then().statusCode(200)
                .body("[0].status", equalTo("PENDING"));
        for (String token : List.of(DevTokens.staff("compliance"), DevTokens.staff("ops"), DISCLOSURE_SERVICE)) {
            as(token).contentType(ContentType.JSON).body(Map.of("fields", List.of("name")))
                    .post("/v1/members/" + a.id() + "/corrections").then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(Map.of("fields", List.of("name")))
                .post("/v1/members/" + a.id() + "/corrections").then().statusCode(401);
    }

    @Test
    void P13_restrictedFieldsCannotBeModifiedOrCorrectedTwiceAndUnknownFieldsAreRefused() {
        TestMembers.Member m = TestMembers.newMember();
        requestCorrection(m.token(), m.id(), List.of("name"));
        as(m.token()).contentType(ContentType.JSON).body(Map.of("name", "Sneaky Change"))
                .patch("/v1/members/" + m.id()).then().statusCode(409).body("violations.field", equalTo(List.of("name")));
        as(m.token()).contentType(ContentType.JSON).body(Map.of("fields", List.of("name", "email")))
                .post("/v1/members/" + m.id() + "/corrections").then().statusCode(409)
                .body("violations.field", equalTo(List.of("name")));
        as(m.token()).contentType(ContentType.JSON).body(Map.of("fields", List.of("password")))
                .post("/v1/members/" + m.id() + "/corrections").then().statusCode(400)
                .body("violations.field", equalTo(List.of("fields[0]")));
        as(m.token()).contentType(ContentType.JSON).body(Map.of("fields", List.of("email"), "channel", "PHONE"))
                .post("/v1/members/" + m.id() + "/corrections").then().statusCode(400)
                .body("violations.field", equalTo(List.of("channel")));
        // an officer's own finding opens no privacy-desk case
        as(OFFICER).contentType(ContentType.JSON).body(Map.of("fields", List.of("email")))
                .post("/v1/members/" + m.id() + "/corrections").then().statusCode(201).body("caseId", nullValue());
    }

    private static String requestCorrection(String token, UUID memberId, List<String> fields) {
        return as(token).contentType(ContentType.JSON).body(Map.of("fields", fields))
                .post("/v1/members/" + memberId + "/corrections")
                .then().statusCode(201).extract().path("correctionId");
    }

    private static List<String> fields(ConsumerRecord<String, byte[]> record) {
        List<String> fields = new ArrayList<>();
        TestMembers.json(record).path("fields").forEach(f -> fields.add(f.asText()));
        return fields;
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).when();
    }
}
