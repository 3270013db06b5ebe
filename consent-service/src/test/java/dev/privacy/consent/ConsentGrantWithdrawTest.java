package dev.privacy.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.events.consent.ConsentGranted;
import dev.privacy.platform.events.consent.ConsentWithdrawn;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
class ConsentGrantWithdrawTest {

    @Test
    void P05_grantAndWithdrawOfMarketingEachYieldAReceiptAndAnEventOnConsentEvents() {
        UUID memberId = ConsentTests.registeredMember(false);
        String current = given().when().get("/v1/purposes").then().statusCode(200)
                .extract().path("purposes.find { it.purpose == 'MARKETING' }.currentNotice.version");
        try (TopicProbe probe = ConsentTests.probe(Topics.CONSENT_EVENTS, Topics.ACCESS_RECORDS)) {
            String receiptId = ConsentTests.grant(memberId, "MARKETING").statusCode(201)
                    .body("state", equalTo("GRANTED"))
                    .body("controller", equalTo("LEJE"))
                    .body("purposes[0].purpose", equalTo("MARKETING"))
                    .body("dataCategories", hasItem("MARKETING_DATA"))
                    .body("noticeVersion", equalTo(current))
                    .body("noticeTextHash", notNullValue())
                    .body("method", equalTo("SELF_SERVICE"))
                    .body("channel", equalTo("WEB"))
                    .extract().path("receiptId");
            List<JsonNode> granted = ConsentTests.events(probe, ConsentGranted.class, memberId, 1);
            assertThat(granted).hasSize(1);
            assertThat(granted.get(0).path("purpose").asText()).isEqualTo("MARKETING");
            assertThat(granted.get(0).path("receiptId").asText()).isEqualTo(receiptId);
            assertThat(granted.get(0).path("noticeVersion").asText()).isEqualTo(current);

            given().auth().oauth2(ConsentTests.member(memberId)).when().get("/v1/members/{id}/consents", memberId)
                    .then().statusCode(200)
                    .body("membershipActive", equalTo(true))
                    .body("consents.find { it.purpose == 'MARKETING' }.state", equalTo("GRANTED"))
                    .body("consents.find { it.purpose == 'COOKIE_TARGETING' }.state", equalTo("NOT_GIVEN"))
                    .body("consents.find { it.purpose == 'CONTRACT_AND_BILLING' }.state", equalTo("GRANTED"));

            ConsentTests.withdraw(memberId, "MARKETING").statusCode(200)
                    .body("state", equalTo("WITHDRAWN")).body("purposes[0].purpose", equalTo("MARKETING"));
            List<JsonNode> withdrawn = ConsentTests.events(probe, ConsentWithdrawn.class, memberId, 1);
            assertThat(withdrawn.get(0).path("consentId").asText())
                    .isEqualTo(granted.get(0).path("consentId").asText());
            assertThat(withdrawn.get(0).path("reason").asText()).isEqualTo("MEMBER_REQUEST");

            // the full history: the two required purposes of sign-up, then the grant and the withdrawal
            given().auth().oauth2(ConsentTests.member(memberId)).when().get("/v1/members/{id}/consent-receipts", memberId)
                    .then().statusCode(200)
                    .body("size()", equalTo(4))
                    .body("method", hasItems("SIGN_UP", "SELF_SERVICE"))
                    .body("[2].state", equalTo("GRANTED")).body("[3].state", equalTo("WITHDRAWN"));
            ConsentTests.withdraw(memberId, "MARKETING").statusCode(404).contentType("application/problem+json");

            // every read and change was an access record
            var records = probe.pollUntil(r -> ConsentTests.ofType(r, AccessRecorded.class, memberId).size() >= 5,
                    java.time.Duration.ofSeconds(20));
            assertThat(ConsentTests.ofType(records, AccessRecorded.class, memberId).stream().map(ConsentTests::json)
                    .map(j -> j.path("action").asText())).contains("CREATE", "READ", "UPDATE");
        }
    }

    @Test
    void P05_aRequiredPurposeCannotBeWithdrawnWhileTheMembershipLasts() {
        UUID memberId = ConsentTests.registeredMember(false);
        ConsentTests.withdraw(memberId, "CONTRACT_AND_BILLING").statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("withdraw the membership"));
        ConsentTests.grant(memberId, "MEMBER_MANAGEMENT").statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aMemberReachesOnlyTheirOwnConsents() {
        UUID owner = ConsentTests.registeredMember(false);
        String other = DevTokens.member(UUID.randomUUID());
        given().auth().oauth2(other).when().get("/v1/members/{id}/consents", owner)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).when().get("/v1/members/{id}/consent-receipts", owner)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("purpose", "MARKETING"))
                .when().post("/v1/members/{id}/consents", owner).then().statusCode(404);
        given().auth().oauth2(other).when().delete("/v1/members/{id}/consents/MARKETING", owner).then().statusCode(404);
        given().when().get("/v1/members/{id}/consents", owner).then().statusCode(401);
    }

    @Test
    void P10_aThirdPartyConsentNamesItsRecipientInTheEvents() {
        UUID memberId = ConsentTests.registeredMember(false);
        UUID recipient = UUID.randomUUID();
        try (TopicProbe probe = ConsentTests.probe(Topics.CONSENT_EVENTS)) {
            ConsentTests.grant(memberId, Map.of("purpose", "THIRD_PARTY_PROVISION", "recipientId", recipient.toString()))
                    .statusCode(201).body("purposes[0].recipientId", equalTo(recipient.toString()));
            JsonNode granted = ConsentTests.events(probe, ConsentGranted.class, memberId, 1).get(0);
            assertThat(granted.path("purpose").asText()).isEqualTo("THIRD_PARTY_PROVISION");
            assertThat(granted.path("recipientId").asText()).isEqualTo(recipient.toString());

            given().auth().oauth2(ConsentTests.member(memberId))
                    .when().delete("/v1/members/{id}/consents/THIRD_PARTY_PROVISION?recipientId=" + recipient, memberId)
                    .then().statusCode(200).body("state", equalTo("WITHDRAWN"));
            JsonNode withdrawn = ConsentTests.events(probe, ConsentWithdrawn.class, memberId, 1).get(0);
            assertThat(withdrawn.path("recipientId").asText()).isEqualTo(recipient.toString());
        }
        ConsentTests.grant(memberId, "THIRD_PARTY_PROVISION").statusCode(400)
                .body("violations.field", hasItem("recipientId"));
    }

    @Test
    void aPrivacyOfficerActsOnTheMembersRecordedInstructionAndMustNameIt() {
        UUID memberId = ConsentTests.registeredMember(false);
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON).body(Map.of("purpose", "MARKETING"))
                .when().post("/v1/members/{id}/consents", memberId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("channel", "instructionReference"));
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON)
                .body(Map.of("purpose", "MARKETING", "channel", "WRITTEN", "instructionReference", "Kim phoned, 010-1234-5678"))
                .when().post("/v1/members/{id}/consents", memberId)
                .then().statusCode(400).body("violations.field", hasItem("instructionReference"));
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON)
                .body(Map.of("purpose", "MARKETING", "channel", "WRITTEN", "instructionReference", "desk-case-42"))
                .when().post("/v1/members/{id}/consents", memberId)
                .then().statusCode(201).body("method", equalTo("STAFF_ON_INSTRUCTION"))
                .body("channel", equalTo("WRITTEN")).body("instructionReference", equalTo("desk-case-42"))
                .body("actorRole", equalTo("PRIVACY_OFFICER"));
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON)
                .body(Map.of("channel", "PHONE", "instructionReference", "call-7"))
                .when().post("/v1/members/{id}/consents/MARKETING/withdrawal", memberId)
                .then().statusCode(200).body("state", equalTo("WITHDRAWN")).body("instructionReference", equalTo("call-7"));
    }

    @Test
    void aRepeatedIdempotencyKeyReplaysTheSameReceipt() {
        UUID memberId = ConsentTests.registeredMember(false);
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(ConsentTests.member(memberId)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("purpose", "COOKIE_TARGETING"))
                .when().post("/v1/members/{id}/consents", memberId).then().statusCode(201).extract().path("receiptId");
        given().auth().oauth2(ConsentTests.member(memberId)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("purpose", "COOKIE_TARGETING"))
                .when().post("/v1/members/{id}/consents", memberId)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("receiptId", equalTo(first));
        // without the key, a grant that is already live answers 200 with the receipt it has
        ConsentTests.grant(memberId, "COOKIE_TARGETING").statusCode(200).body("receiptId", equalTo(first));
    }

    @Test
    void badInputIsAProblemNamingTheFieldOrPart() {
        UUID memberId = ConsentTests.registeredMember(false);
        ConsentTests.grant(memberId, Map.of("purpose", "MARKETING", "colour", "blue")).statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("colour"));
        ConsentTests.grant(memberId, Map.of("purpose", "NO_SUCH_PURPOSE")).statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("purpose"));
        ConsentTests.grant(memberId, Map.of("purpose", "CORRECTION")).statusCode(422)
                .contentType("application/problem+json").body("violations.field", hasItem("purpose"));
        ConsentTests.grant(memberId, Map.of("purpose", "MARKETING", "noticeVersion", "no-such-version")).statusCode(422)
                .contentType("application/problem+json").body("violations.field", hasItem("noticeVersion"));
        ConsentTests.grant(memberId, Map.of()).statusCode(400).contentType("application/problem+json");
        ConsentTests.withdraw(memberId, "NO_SUCH_PURPOSE").statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(ConsentTests.member(memberId)).contentType(ContentType.JSON).body("{not json")
                .when().post("/v1/members/{id}/consents", memberId).then().statusCode(400)
                .contentType("application/problem+json");
        UUID unknown = UUID.randomUUID();
        ConsentTests.grant(unknown, "MARKETING").statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aConsentGivenAgainAfterAWithdrawalIsANewConsentWithANewId() {
        UUID memberId = ConsentTests.registeredMember(false);
        UUID recipient = UUID.randomUUID();
        Map<String, Object> body = Map.of("purpose", "THIRD_PARTY_PROVISION", "recipientId", recipient.toString());
        String first = ConsentTests.grant(memberId, body).statusCode(201).extract().path("consentId");
        given().auth().oauth2(ConsentTests.member(memberId))
                .when().delete("/v1/members/{id}/consents/THIRD_PARTY_PROVISION?recipientId=" + recipient, memberId)
                .then().statusCode(200).body("consentId", equalTo(first));
        String second = ConsentTests.grant(memberId, body).statusCode(201).extract().path("consentId");
        // consumers keyed on the consent ID (the disclosure-service) never see a withdrawn consent revive
        assertThat(second).isNotEqualTo(first);
        given().auth().oauth2(ConsentTests.member(memberId)).when().get("/v1/members/{id}/consents", memberId)
                .then().statusCode(200)
                .body("consents.findAll { it.purpose == 'THIRD_PARTY_PROVISION' }.size()", equalTo(1))
                .body("consents.find { it.purpose == 'THIRD_PARTY_PROVISION' }.state", equalTo("GRANTED"));
    }
}
