package dev.privacy.member;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The read of the separated store for an approved lawful disclosure (P08, P10): only the
 * disclosure-service, only the requested fields, only for a member who is in the separated store,
 * and every read recorded with purpose LAWFUL_DISCLOSURE.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "member"))
@QuarkusTestResource(DisclosureServiceStandIn.class)
class SeparatedStoreDisclosureTest {

    private static final String DISCLOSURE_SERVICE = DevTokens.service("disclosure-service");

    @Test
    void P08_P10_aWithdrawnMembersRequestedFieldsAreReleasedForALawfulDisclosureAndTheReadIsRecorded() {
        TestMembers.Member m = withdrawnMember();
        UUID disclosureId = DisclosureServiceStandIn.approvedLawfulRequest(m.id(), "name", "mobile");
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            Map<String, Object> fields = read(m.id(), disclosureId, "name,mobile").then().statusCode(200)
                    .body("memberId", equalTo(m.id().toString()))
                    .body("disclosureId", equalTo(disclosureId.toString()))
                    .body("separatedAt", notNullValue())
                    .body("fields.name", equalTo("Kim Minji"))
                    .body("fields.mobile", equalTo("+821012345678"))
                    .extract().path("fields");
            assertThat(fields).containsOnlyKeys("name", "mobile");

            List<JsonNode> lawful = lawfulReads(probe, m.id(), 1);
            assertThat(lawful).hasSize(1);
            JsonNode record = lawful.get(0);
            assertThat(record.path("action").asText()).isEqualTo("READ");
            assertThat(record.path("actorRole").asText()).isEqualTo("SERVICE");
            assertThat(record.path("actorId").asText()).isEqualTo("disclosure-service");
            assertThat(record.path("reference").asText()).as("the record names the disclosure it served")
                    .isEqualTo(disclosureId.toString());
            assertThat(texts(record.path("fields"))).containsExactly("name", "mobile");
        }
    }

    @Test
    void P08_onlyTheRequestedFieldsAreReadAndReturned() {
        TestMembers.Member m = withdrawnMember();
        UUID disclosureId = DisclosureServiceStandIn.approvedLawfulRequest(m.id(), "loginId", "email");
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            Map<String, Object> fields = read(m.id(), disclosureId, "email").then().statusCode(200)
                    .body("fields.email", equalTo(m.loginId() + "@example.com"))
                    .extract().path("fields");
            assertThat(fields).containsOnlyKeys("email");
            // repeats collapse, and the fields come back in the profile's order
            Map<String, Object> two = read(m.id(), disclosureId, "email,loginId,email").then().statusCode(200)
                    .body("fields.loginId", equalTo(m.loginId()))
                    .extract().path("fields");
            assertThat(two.keySet()).containsExactly("loginId", "email");

            List<JsonNode> lawful = lawfulReads(probe, m.id(), 2);
            assertThat(lawful).hasSize(2);
            assertThat(texts(lawful.get(0).path("fields"))).containsExactly("email");
            assertThat(texts(lawful.get(1).path("fields"))).containsExactly("loginId", "email");
        }
    }

    @Test
    void P13_aFieldUnderCorrectionAtWithdrawalIsNeverReleasedForALawfulDisclosure() {
        TestMembers.Member m = TestMembers.newMember();
        as(m.token()).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("fields", List.of("mobile"), "note", "not my number"))
                .post("/v1/members/" + m.id() + "/corrections").then().statusCode(201);
        as(m.token()).delete("/v1/members/" + m.id()).then().statusCode(204);

        read(m.id(), UUID.randomUUID(), "name,mobile").then().statusCode(409)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("mobile")));
        read(m.id(), DisclosureServiceStandIn.approvedLawfulRequest(m.id(), "name"), "name").then().statusCode(200)
                .body("fields.name", equalTo("Kim Minji"));
    }

    @Test
    void P08_aMemberWhoIsNotInTheSeparatedStoreIsNotFound() {
        TestMembers.Member live = TestMembers.newMember();
        read(live.id(), UUID.randomUUID(), "name").then().statusCode(404).contentType("application/problem+json");
        read(UUID.randomUUID(), UUID.randomUUID(), "name").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void P07_P08_aDestroyedMemberIsNotFound() {
        TestMembers.Member m = withdrawnMember();
        read(m.id(), DisclosureServiceStandIn.approvedLawfulRequest(m.id(), "name"), "name").then().statusCode(200);
        try (TopicProbe probe = TestMembers.probe(Topics.MEMBER_EVENTS)) {
            UUID schedule = UUID.randomUUID();
            TestMembers.publish(Topics.retentionExpired(Services.MEMBER), new RetentionExpired(schedule, m.id(),
                    DataCategory.MEMBER_PROFILE, "member-service", Instant.now()), UUID.randomUUID());
            probe.pollUntil(r -> TestMembers.ofType(r, DataDestroyed.class, m.id()).stream()
                    .anyMatch(x -> schedule.toString().equals(TestMembers.json(x).path("scheduleId").asText())),
                    Duration.ofSeconds(30));
        }
        read(m.id(), DisclosureServiceStandIn.approvedLawfulRequest(m.id(), "name", "email"), "name,email").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void P08_P15_theNormalApisStillCannotReadASeparatedMember() {
        TestMembers.Member m = withdrawnMember();
        as(DISCLOSURE_SERVICE).queryParam("fields", "name").queryParam("purpose", "LAWFUL_DISCLOSURE")
                .queryParam("disclosureId", UUID.randomUUID().toString())
                .get("/v1/members/" + m.id() + "/disclosure-view").then().statusCode(404);
        as(DISCLOSURE_SERVICE).queryParam("purpose", "MEMBER_MANAGEMENT").get("/v1/members/" + m.id())
                .then().statusCode(403);
        as(DevTokens.staff("privacy-officer")).queryParam("purpose", "MEMBER_MANAGEMENT").get("/v1/members/" + m.id())
                .then().statusCode(404);
        as(m.token()).get("/v1/members/" + m.id() + "/export").then().statusCode(404);
    }

    @Test
    void P08_P10_aMissingDisclosureIdOrAnUnknownFieldIsRefusedWith400() {
        TestMembers.Member m = withdrawnMember();
        String path = "/v1/separated-members/" + m.id() + "/lawful-disclosure";
        as(DISCLOSURE_SERVICE).queryParam("fields", "name").get(path).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("disclosureId"));
        as(DISCLOSURE_SERVICE).queryParam("fields", "name").queryParam("disclosureId", "").get(path).then()
                .statusCode(400).body("violations[0].field", equalTo("disclosureId"));
        as(DISCLOSURE_SERVICE).queryParam("fields", "name").queryParam("disclosureId", "not-a-uuid").get(path).then()
                .statusCode(400).body("violations[0].field", equalTo("disclosureId"));
        read(m.id(), UUID.randomUUID(), "name,password").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("fields")))
                .body("violations[0].message", org.hamcrest.Matchers.containsString("password"));
        read(m.id(), UUID.randomUUID(), "address").then().statusCode(400)
                .body("violations[0].message", org.hamcrest.Matchers.containsString("address"));
        as(DISCLOSURE_SERVICE).queryParam("disclosureId", UUID.randomUUID().toString()).get(path).then()
                .statusCode(400).body("violations[0].field", equalTo("fields"));
    }

    @Test
    void P08_onlyTheDisclosureServiceMayReadTheSeparatedStoreAndRefusedCallsReadNothing() {
        TestMembers.Member m = withdrawnMember();
        TestMembers.Member other = TestMembers.newMember();
        String path = "/v1/separated-members/" + m.id() + "/lawful-disclosure";
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            for (String token : List.of(m.token(), other.token(), DevTokens.staff("privacy-officer"),
                    DevTokens.staff("compliance"), DevTokens.staff("ops"), DevTokens.service("consent-service"))) {
                as(token).queryParam("disclosureId", UUID.randomUUID().toString()).queryParam("fields", "name")
                        .get(path).then().statusCode(403);
            }
            given().queryParam("disclosureId", UUID.randomUUID().toString()).queryParam("fields", "name")
                    .when().get(path).then().statusCode(401);
            read(m.id(), DisclosureServiceStandIn.approvedLawfulRequest(m.id(), "name"), "name").then().statusCode(200);

            // only the one permitted read was recorded
            List<JsonNode> lawful = lawfulReads(probe, m.id(), 1);
            probe.drain(Duration.ofSeconds(5));
            assertThat(lawful).hasSize(1);
            assertThat(lawfulOf(probe.seen(), m.id())).hasSize(1);
        }
    }

    @Test
    void P08_P10_P15_theSeparatedStoreOpensOnlyForAnApprovedLawfulRequestCoveringEveryField() {
        TestMembers.Member m = withdrawnMember();
        try (TopicProbe probe = TestMembers.probe(Topics.ACCESS_RECORDS)) {
            // a consented provision never reaches a withdrawn member's data (P08, P15)
            read(m.id(), DisclosureServiceStandIn.approvedProvision(m.id(), "name"), "name").then().statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo("urn:privacy-platform:problem:approval-basis"));
            // fields beyond the lawful request's are named and nothing is read
            read(m.id(), DisclosureServiceStandIn.approvedLawfulRequest(m.id(), "name"), "name,email").then().statusCode(403)
                    .body("type", equalTo("urn:privacy-platform:problem:approval-fields-exceeded"))
                    .body("violations.field", equalTo(List.of("email")));
            // an approval for another member is refused
            TestMembers.Member other = withdrawnMember();
            read(m.id(), DisclosureServiceStandIn.approvedLawfulRequest(other.id(), "name"), "name").then().statusCode(403)
                    .body("type", equalTo("urn:privacy-platform:problem:approval-mismatch"));
            // an executed lawful request is not read again (replay)
            UUID executed = DisclosureServiceStandIn.get().disclosure(m.id(), dev.privacy.platform.events.Purpose.LAWFUL_DISCLOSURE,
                    "LAWFUL_REQUEST", "EXECUTED", Instant.now(), "name");
            read(m.id(), executed, "name").then().statusCode(409)
                    .body("type", equalTo("urn:privacy-platform:problem:approval-used"));
            // an unknown disclosure: nothing approved it
            read(m.id(), UUID.randomUUID(), "name").then().statusCode(403)
                    .body("type", equalTo("urn:privacy-platform:problem:approval-unknown"));

            // the one approved read afterwards is the only record
            UUID approved = DisclosureServiceStandIn.approvedLawfulRequest(m.id(), "name");
            read(m.id(), approved, "name").then().statusCode(200).body("fields.name", equalTo("Kim Minji"));
            List<JsonNode> lawful = lawfulReads(probe, m.id(), 1);
            probe.drain(Duration.ofSeconds(3));
            assertThat(lawfulOf(probe.seen(), m.id())).as("no refused read left a record").hasSize(1)
                    .allSatisfy(r -> assertThat(r.path("reference").asText()).isEqualTo(approved.toString()));
            assertThat(lawful).hasSize(1);
        }
    }

    private static TestMembers.Member withdrawnMember() {
        TestMembers.Member m = TestMembers.newMember();
        as(m.token()).delete("/v1/members/" + m.id()).then().statusCode(204);
        return m;
    }

    private static io.restassured.response.Response read(UUID memberId, UUID disclosureId, String fields) {
        return as(DISCLOSURE_SERVICE).queryParam("disclosureId", disclosureId.toString()).queryParam("fields", fields)
                .get("/v1/separated-members/" + memberId + "/lawful-disclosure");
    }

    /** The LAWFUL_DISCLOSURE access records of the member, waiting until at least {@code atLeast} arrived. */
    private static List<JsonNode> lawfulReads(TopicProbe probe, UUID memberId, int atLeast) {
        return lawfulOf(probe.pollUntil(r -> lawfulOf(r, memberId).size() >= atLeast, Duration.ofSeconds(20)), memberId);
    }

    private static List<JsonNode> lawfulOf(List<ConsumerRecord<String, byte[]>> records, UUID memberId) {
        return TestMembers.ofType(records, AccessRecorded.class, memberId).stream().map(TestMembers::json)
                .filter(j -> "LAWFUL_DISCLOSURE".equals(j.path("purpose").asText())).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).when();
    }
}
