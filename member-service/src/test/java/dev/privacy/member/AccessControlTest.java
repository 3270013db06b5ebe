package dev.privacy.member;

import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
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
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** BOLA attempts, the role matrix of every member endpoint, and which service identity reaches what. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
@QuarkusTestResource(DisclosureServiceStandIn.class)
class AccessControlTest {

    private static final List<String> ALL_SERVICES = Services.ALL;

    @Test
    void memberACannotReadModifyExportOrWithdrawMemberB() {
        TestMembers.Member a = TestMembers.newMember();
        TestMembers.Member b = TestMembers.newMember();
        as(a.token()).get("/v1/members/" + b.id()).then().statusCode(404).contentType("application/problem+json");
        as(a.token()).contentType(ContentType.JSON).body(Map.of("name", "Hijacked"))
                .patch("/v1/members/" + b.id()).then().statusCode(404);
        as(a.token()).get("/v1/members/" + b.id() + "/export").then().statusCode(404);
        as(a.token()).delete("/v1/members/" + b.id()).then().statusCode(404);
        // B is untouched and still a member
        as(b.token()).get("/v1/members/" + b.id()).then().statusCode(200).body("name", equalTo("Kim Minji"));
    }

    @Test
    void aMemberAskingForAnIdThatDoesNotExistGetsTheSame404AsForAnotherMember() {
        TestMembers.Member a = TestMembers.newMember();
        TestMembers.Member b = TestMembers.newMember();
        String other = as(a.token()).get("/v1/members/" + b.id()).then().statusCode(404).extract().path("title");
        String missing = as(a.token()).get("/v1/members/" + UUID.randomUUID()).then().statusCode(404).extract().path("title");
        org.assertj.core.api.Assertions.assertThat(other).isEqualTo(missing);
    }

    @Test
    void withoutTokenEveryMemberEndpointButSignUpAndLoginIs401() {
        UUID id = UUID.randomUUID();
        given().get("/v1/members/" + id).then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).patch("/v1/members/" + id).then().statusCode(401);
        given().get("/v1/members/" + id + "/export").then().statusCode(401);
        given().delete("/v1/members/" + id).then().statusCode(401);
        given().post("/v1/ops/keys/rewrap").then().statusCode(401);
    }

    @Test
    void readProfileRoleMatrix() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id();
        as(DevTokens.staff("privacy-officer")).queryParam("purpose", "MEMBER_MANAGEMENT").get(path).then().statusCode(200);
        as(DevTokens.staff("privacy-officer")).get(path).then().statusCode(400);
        as(DevTokens.staff("compliance")).queryParam("purpose", "MEMBER_MANAGEMENT").get(path).then().statusCode(403);
        as(DevTokens.staff("ops")).queryParam("purpose", "MEMBER_MANAGEMENT").get(path).then().statusCode(403);
    }

    @Test
    void noServiceIdentityReadsAProfileThroughTheProfileApi() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id();
        for (String service : ALL_SERVICES) {
            as(DevTokens.service(service)).queryParam("purpose", "CONTRACT_AND_BILLING").get(path).then()
                    .statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void P02_P10_disclosureViewAnswersTheDisclosureServiceAndRecordsTheApprovedDisclosureAsReference() {
        TestMembers.Member m = TestMembers.newMember();
        UUID disclosureId = DisclosureServiceStandIn.approvedProvision(m.id(), "name", "email");
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            as(DevTokens.service("disclosure-service")).queryParam("fields", "name,email")
                    .queryParam("purpose", "THIRD_PARTY_PROVISION").queryParam("disclosureId", disclosureId.toString())
                    .get("/v1/members/" + m.id() + "/disclosure-view").then().statusCode(200)
                    .body("memberId", equalTo(m.id().toString()))
                    .body("fields.name", equalTo("Kim Minji"))
                    .body("fields.email", equalTo(m.loginId() + "@example.com"));
            var records = probe.pollUntil(r -> disclosureRead(r, m.id()) != null, Duration.ofSeconds(20));
            var record = TestMembers.json(disclosureRead(records, m.id()));
            assertThat(record.path("reference").asText()).isEqualTo(disclosureId.toString());
            assertThat(record.path("actorId").asText()).isEqualTo("disclosure-service");
            assertThat(record.path("fields").toString()).contains("name").contains("email").doesNotContain("mobile");
        }
    }

    @Test
    void P10_disclosureViewRefusesEveryOtherServiceAndStaffWith403AndReadsNothing() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id() + "/disclosure-view";
        List<String> refused = new ArrayList<>();
        for (String service : ALL_SERVICES) {
            if (!service.equals("disclosure-service")) {
                refused.add(DevTokens.service(service));
            }
        }
        refused.add(DevTokens.service("some-other-service"));
        // the subject alone is not enough: the role must be service
        refused.add(DevTokens.staff("disclosure-service", "privacy-officer"));
        refused.add(DevTokens.sign("disclosure-service", Set.of("member")));
        refused.add(DevTokens.staff("privacy-officer"));
        refused.add(m.token());
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            for (String token : refused) {
                as(token).queryParam("fields", "name,email").queryParam("purpose", "THIRD_PARTY_PROVISION")
                        .queryParam("disclosureId", UUID.randomUUID().toString()).get(path).then()
                        .statusCode(403).contentType("application/problem+json");
            }
            // a marker read afterwards: once it is on the topic, an earlier record would be too
            as(m.token()).get("/v1/members/" + m.id()).then().statusCode(200);
            var records = probe.pollUntil(r -> TestMembers.ofType(r, AccessRecorded.class, m.id()).stream()
                    .anyMatch(x -> "MEMBER_MANAGEMENT".equals(TestMembers.json(x).path("purpose").asText())
                            && TestMembers.json(x).path("fields").toString().contains("mobile")), Duration.ofSeconds(20));
            assertThat(disclosureRead(records, m.id())).as("no release was recorded").isNull();
        }
    }

    @Test
    void P10_disclosureViewNeedsTheApprovedDisclosureId() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id() + "/disclosure-view";
        as(DevTokens.service("disclosure-service")).queryParam("fields", "name")
                .queryParam("purpose", "THIRD_PARTY_PROVISION").get(path).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("disclosureId"));
        as(DevTokens.service("disclosure-service")).queryParam("fields", "name")
                .queryParam("purpose", "THIRD_PARTY_PROVISION").queryParam("disclosureId", "approval-7").get(path)
                .then().statusCode(400).body("violations[0].field", equalTo("disclosureId"));
    }

    @Test
    void P08_theSeparatedStoreReadRefusesEveryServiceButTheDisclosureService() {
        UUID someone = UUID.randomUUID();
        for (String service : ALL_SERVICES) {
            if (!service.equals("disclosure-service")) {
                as(DevTokens.service(service)).queryParam("disclosureId", UUID.randomUUID().toString())
                        .queryParam("fields", "name").get("/v1/separated-members/" + someone + "/lawful-disclosure")
                        .then().statusCode(403).contentType("application/problem+json");
            }
        }
        // the disclosure-service passes the identity check (and learns only that nobody is there)
        as(DevTokens.service("disclosure-service")).queryParam("disclosureId", UUID.randomUUID().toString())
                .queryParam("fields", "name").get("/v1/separated-members/" + someone + "/lawful-disclosure")
                .then().statusCode(404);
    }

    @Test
    void serviceIdentitiesReachNoOtherMemberEndpoint() {
        TestMembers.Member m = TestMembers.newMember();
        String id = m.id().toString();
        for (String service : ALL_SERVICES) {
            String token = DevTokens.service(service);
            as(token).get("/v1/members/" + id + "/export").then().statusCode(403);
            as(token).get("/v1/members/" + id + "/cases").then().statusCode(403);
            as(token).get("/v1/members/" + id + "/corrections").then().statusCode(403);
            as(token).get("/v1/members/" + id + "/service-applications").then().statusCode(403);
            as(token).contentType(ContentType.JSON).body(Map.of("name", "Nope")).patch("/v1/members/" + id)
                    .then().statusCode(403);
            as(token).delete("/v1/members/" + id).then().statusCode(403);
            as(token).get("/v1/fraud-reviews").then().statusCode(403);
            as(token).get("/v1/privacy-desk/cases").then().statusCode(403);
        }
        as(m.token()).get("/v1/members/" + id).then().statusCode(200);
    }

    /** The access record of a disclosure release of the member (READ with a disclosure purpose). */
    private static ConsumerRecord<String, byte[]> disclosureRead(List<ConsumerRecord<String, byte[]>> records, UUID id) {
        return TestMembers.ofType(records, AccessRecorded.class, id).stream()
                .filter(r -> "THIRD_PARTY_PROVISION".equals(TestMembers.json(r).path("purpose").asText()))
                .findFirst().orElse(null);
    }

    @Test
    void modifyRoleMatrix() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id();
        as(DevTokens.staff("privacy-officer")).contentType(ContentType.JSON).body(Map.of("name", "Corrected Name"))
                .patch(path).then().statusCode(200).body("name", equalTo("Corrected Name"));
        for (String token : new String[]{DevTokens.staff("compliance"), DevTokens.staff("ops"), DevTokens.service("consent-service")}) {
            as(token).contentType(ContentType.JSON).body(Map.of("name", "Nope")).patch(path).then().statusCode(403);
        }
    }

    @Test
    void exportIsForTheMemberOnly() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id() + "/export";
        as(m.token()).get(path).then().statusCode(200);
        for (String token : new String[]{DevTokens.staff("privacy-officer"), DevTokens.staff("compliance"),
                DevTokens.staff("ops"), DevTokens.service("disclosure-service")}) {
            as(token).get(path).then().statusCode(403);
        }
    }

    @Test
    void withdrawRoleMatrix() {
        TestMembers.Member m = TestMembers.newMember();
        String path = "/v1/members/" + m.id();
        for (String token : new String[]{DevTokens.staff("compliance"), DevTokens.staff("ops"), DevTokens.service("consent-service")}) {
            as(token).delete(path).then().statusCode(403);
        }
        as(DevTokens.staff("privacy-officer")).delete(path).then().statusCode(204);
        as(m.token()).get(path).then().statusCode(404);
    }

    @Test
    void keyRewrapIsOpsOnly() {
        as(DevTokens.staff("privacy-officer")).post("/v1/ops/keys/rewrap").then().statusCode(403);
        as(TestMembers.newMember().token()).post("/v1/ops/keys/rewrap").then().statusCode(403);
        as(DevTokens.staff("ops")).post("/v1/ops/keys/rewrap").then().statusCode(200).body("rewrapped", equalTo(0));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).when();
    }
}
