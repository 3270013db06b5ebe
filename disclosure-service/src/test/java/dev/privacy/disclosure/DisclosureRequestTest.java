package dev.privacy.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.disclosure.DisclosureRejected;
import dev.privacy.platform.events.disclosure.DisclosureRequested;
import dev.privacy.platform.events.member.CorrectionRejected;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** A request is checked against its legal basis at once (P10, P13): refusals are recorded, announced and explained. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "disclosure"))
@QuarkusTestResource(MemberServiceStandIn.class)
class DisclosureRequestTest {

    private static final String SERVICE = DevTokens.service("partner-gateway");

    @Inject
    DataSource db;

    @Test
    void P10_aConsentRequestWithoutALiveConsentIsRefusedRecordedAndAnnounced() {
        UUID member = UUID.randomUUID();
        UUID recipient = TestDisclosures.registerPartner("https://partner.example/hook", List.of("email"));
        try (TopicProbe probe = TestDisclosures.probe(Topics.DISCLOSURE_EVENTS)) {
            TestDisclosures.request(SERVICE, TestDisclosures.consentRequest(recipient, member, List.of("email")))
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("urn:privacy-platform:problem:no-live-consent"))
                    .body("violations.message", hasItem("NO_LIVE_CONSENT"));
            assertThat(TestDisclosures.string(db, "SELECT rejection_reason FROM disclosure_request WHERE member_id = ?", member))
                    .isEqualTo("NO_LIVE_CONSENT");
            List<JsonNode> rejected = TestDisclosures.events(probe, DisclosureRejected.class, member, 1);
            assertThat(rejected).singleElement().satisfies(e -> assertThat(e.path("reason").asText()).isEqualTo("NO_LIVE_CONSENT"));
            assertThat(TestDisclosures.ofType(probe.seen(), DisclosureRequested.class, member)).isEmpty();
        }
    }

    @Test
    void P10_aConsentRequestForAMemberWhoseMembershipEndedIsRefused() {
        UUID member = UUID.randomUUID();
        UUID recipient = TestDisclosures.registerPartner("https://partner.example/hook", List.of("email"));
        TestDisclosures.grantConsent(db, member, recipient);
        TestDisclosures.withdrawMembership(db, member);
        TestDisclosures.request(SERVICE, TestDisclosures.consentRequest(recipient, member, List.of("email")))
                .then().statusCode(422).body("type", equalTo("urn:privacy-platform:problem:member-withdrawn"));
    }

    @Test
    void P13_aFieldUnderAPendingCorrectionIsNotProvidedUntilTheCorrectionIsSettled() {
        UUID member = UUID.randomUUID();
        UUID recipient = TestDisclosures.registerPartner("https://partner.example/hook", List.of("name", "email"));
        TestDisclosures.grantConsent(db, member, recipient);
        UUID correction = TestDisclosures.requestCorrection(db, member, List.of("email"));
        TestDisclosures.request(SERVICE, TestDisclosures.consentRequest(recipient, member, List.of("name", "email")))
                .then().statusCode(409).body("type", equalTo("urn:privacy-platform:problem:fields-restricted"))
                .body("violations.field", equalTo(List.of("email")));
        TestDisclosures.publish(Topics.MEMBER_EVENTS, Services.MEMBER, new CorrectionRejected(member, correction,
                List.of("email"), "NOT_INACCURATE", Instant.now()));
        TestDisclosures.awaitCount(db, "SELECT count(*) FROM field_restriction WHERE member_id = ?", member, 0);
        TestDisclosures.request(SERVICE, TestDisclosures.consentRequest(recipient, member, List.of("name", "email")))
                .then().statusCode(201).body("status", equalTo("PENDING"));
    }

    @Test
    void P10_fieldsBeyondWhatTheBasisCoversAndABasisThatDoesNotFitTheRecipientAreRefused() {
        UUID member = UUID.randomUUID();
        UUID partner = TestDisclosures.registerPartner("https://partner.example/hook", List.of("email"));
        UUID agency = TestDisclosures.registerAgency("https://police.example/hook", List.of("name"));
        TestDisclosures.grantConsent(db, member, partner);
        TestDisclosures.request(SERVICE, TestDisclosures.consentRequest(partner, member, List.of("email", "mobile")))
                .then().statusCode(422).body("type", equalTo("urn:privacy-platform:problem:fields-not-covered"))
                .body("violations.field", equalTo(List.of("mobile")));
        TestDisclosures.request(SERVICE, TestDisclosures.consentRequest(agency, member, List.of("name")))
                .then().statusCode(422).body("type", equalTo("urn:privacy-platform:problem:basis-not-applicable"));
        TestDisclosures.request(TestDisclosures.officer("o"), TestDisclosures.lawfulRequest(partner, member, List.of("email"), null))
                .then().statusCode(422).body("type", equalTo("urn:privacy-platform:problem:basis-not-applicable"));
        assertThat(TestDisclosures.count(db, "SELECT count(*) FROM disclosure_request WHERE member_id = ? AND status = 'REJECTED'",
                member)).isEqualTo(3);
    }

    @Test
    void malformedRequestsAreRefusedWithTheOffendingFieldsAndNothingIsRecorded() {
        UUID member = UUID.randomUUID();
        UUID agency = TestDisclosures.registerAgency("https://police.example/hook", List.of("name"));
        Map<String, Object> lawful = TestDisclosures.lawfulRequest(agency, member, List.of("name", "password"), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) lawful.get("lawfulRequest");
        details.remove("caseNumber");
        details.put("nondisclosureUntil", "2001-01-01T00:00:00Z");
        lawful.put("purpose", "MARKETING");
        TestDisclosures.request(TestDisclosures.officer("o"), lawful).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("fields[1]"))
                .body("violations.field", hasItem("purpose"))
                .body("violations.field", hasItem("lawfulRequest.caseNumber"))
                .body("violations.field", hasItem("lawfulRequest.nondisclosureUntil"));
        Map<String, Object> unknown = TestDisclosures.consentRequest(UUID.randomUUID(), member, List.of("name"));
        TestDisclosures.request(SERVICE, unknown).then().statusCode(422)
                .body("type", equalTo("urn:privacy-platform:problem:unknown-recipient"));
        unknown.put("comment", "please");
        TestDisclosures.request(SERVICE, unknown).then().statusCode(400);
        assertThat(TestDisclosures.count(db, "SELECT count(*) FROM disclosure_request WHERE member_id = ?", member)).isZero();
    }

    @Test
    void P10_anAcceptedRequestIsPendingAnnouncedWithFieldNamesOnlyAndAnIdempotencyKeyRepeatCreatesNothingNew() {
        UUID member = UUID.randomUUID();
        UUID recipient = TestDisclosures.registerPartner("https://partner.example/hook", List.of("name", "email"));
        UUID consent = TestDisclosures.grantConsent(db, member, recipient);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = TestDisclosures.consentRequest(recipient, member, List.of("email", "name"));
        try (TopicProbe probe = TestDisclosures.probe(Topics.DISCLOSURE_EVENTS)) {
            String id = given().auth().oauth2(SERVICE).header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body(body).when().post("/v1/disclosures")
                    .then().statusCode(201).body("status", equalTo("PENDING")).body("approvalsRequired", equalTo(1))
                    .body("fields", equalTo(List.of("name", "email"))).body("requestedBy", equalTo("partner-gateway"))
                    .extract().path("id");
            given().auth().oauth2(SERVICE).header("Idempotency-Key", key).contentType(ContentType.JSON)
                    .body(body).when().post("/v1/disclosures")
                    .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
            assertThat(TestDisclosures.count(db, "SELECT count(*) FROM disclosure_request WHERE member_id = ?", member)).isEqualTo(1);
            JsonNode requested = TestDisclosures.events(probe, DisclosureRequested.class, member, 1).get(0);
            assertThat(requested.path("disclosureId").asText()).isEqualTo(id);
            assertThat(requested.path("consentId").asText()).isEqualTo(consent.toString());
            assertThat(requested.path("legalBasis").asText()).isEqualTo("CONSENT");
            assertThat(requested.path("fields").toString()).isEqualTo("[\"name\",\"email\"]");
        }
        given().auth().oauth2(DevTokens.member(member)).contentType(ContentType.JSON).body(body)
                .when().post("/v1/disclosures").then().statusCode(403);
    }
}
