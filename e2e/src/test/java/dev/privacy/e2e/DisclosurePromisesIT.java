package dev.privacy.e2e;

import dev.privacy.e2e.Members.Member;
import dev.privacy.platform.testing.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.privacy.e2e.Members.OFFICER;
import static dev.privacy.e2e.Members.PROPAGATION;
import static dev.privacy.e2e.Members.SECOND_OFFICER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** P10, P13, P14, P15: the one door out, closed while a correction is pending, and the notice after it. */
class DisclosurePromisesIT {

    private static final String THIRD_OFFICER = DevTokens.staff("officer-park", "privacy-officer");
    /** The partner-facing back-end asking for a provision: a service, not a privacy officer. */
    private static final String REQUESTER = DevTokens.service("partner-gateway");

    private final PlatformUnderTest platform = PlatformUnderTest.get();
    private final String member = platform.member().baseUrl();
    private final String consent = platform.service("consent-service").baseUrl();
    private final String disclosure = platform.service("disclosure-service").baseUrl();
    private final String audit = platform.service("audit-log-service").baseUrl();

    /** Nothing any e2e test put in so far has left through a topic or a log. */
    @AfterAll
    static void noPersonalValueEscapedThroughATopicOrALog() throws Exception {
        PersonalDataScan.assertNothingEscaped(PlatformUnderTest.get());
    }

    @Test
    void P10_nothingIsProvidedWithoutConsentOrAnApprovedLawfulRequestAndEveryProvisionIsInTheLedger() {
        try (RecipientReceiver partner = new RecipientReceiver(); RecipientReceiver agency = new RecipientReceiver()) {
            String partnerId = register(partner, "CONSENTED_THIRD_PARTY", "name", "email");
            String agencyId = register(agency, "INVESTIGATIVE_AGENCY", "name", "mobile");
            Member m = Members.signUpMarked(member, true);
            Members.awaitAudited(audit, m.id(), "MemberRegistered.v1");

            requestOnConsent(partnerId, m, "email").statusCode(422).body("type", containsString("no-live-consent"));
            grantProvision(m, partnerId);
            String approvedId = awaitAcceptedOnConsent(partnerId, m, "name", "email");
            requestOnConsent(partnerId, m, "mobile").statusCode(422).body("type", containsString("fields-not-covered"));

            given().auth().oauth2(OFFICER).when().post(disclosure + "/v1/disclosures/{id}/approvals", approvedId)
                    .then().statusCode(200).body("status", equalTo("EXECUTED"));
            await().atMost(PROPAGATION).until(() -> !partner.deliveries("disclosure").isEmpty());
            RecipientReceiver.Delivery delivered = partner.deliveries("disclosure").get(0);
            assertThat(delivered.signatureValid()).isTrue();
            assertThat(delivered.body()).contains(m.email(), m.name()).doesNotContain(m.mobile());

            // a lawful request: two privacy officers, neither the requester
            String lawful = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body("""
                            {"recipientId":"%s","memberId":"%s","fields":["mobile"],"purpose":"LAWFUL_DISCLOSURE",
                             "legalBasis":"LAWFUL_REQUEST","lawfulRequest":{"authority":"Seoul Police","legalReference":"CPA-199",
                             "caseNumber":"2026-GH-11","documentReference":"WARRANT-11"}}""".formatted(agencyId, m.id()))
                    .when().post(disclosure + "/v1/disclosures").then().statusCode(201)
                    .body("approvalsRequired", equalTo(2)).extract().jsonPath().getString("id");
            given().auth().oauth2(OFFICER).when().post(disclosure + "/v1/disclosures/{id}/approvals", lawful).then().statusCode(403);
            given().auth().oauth2(SECOND_OFFICER).when().post(disclosure + "/v1/disclosures/{id}/approvals", lawful)
                    .then().statusCode(200).body("status", equalTo("PENDING"));
            assertThat(agency.deliveries("disclosure")).as("one approval is not enough").isEmpty();
            given().auth().oauth2(THIRD_OFFICER).when().post(disclosure + "/v1/disclosures/{id}/approvals", lawful)
                    .then().statusCode(200).body("status", equalTo("EXECUTED"));
            await().atMost(PROPAGATION).until(() -> !agency.deliveries("disclosure").isEmpty());
            assertThat(agency.deliveries("disclosure").get(0).body()).contains(m.mobile()).doesNotContain(m.email());

            // the ledger the member reads names both, and the audit log has both executions
            List<Map<String, Object>> ledger = given().auth().oauth2(m.token())
                    .when().get(disclosure + "/v1/members/{id}/disclosures", m.id()).then().statusCode(200).extract().jsonPath().getList("");
            assertThat(ledger).extracting(e -> String.valueOf(e.get("legalBasis"))).containsExactlyInAnyOrder("CONSENT", "LAWFUL_REQUEST");
            await().atMost(PROPAGATION).untilAsserted(() -> assertThat(Members.auditTypes(audit, m.id()).stream()
                    .filter("DisclosureExecuted.v1"::equals)).hasSize(2));
        }
    }

    @Test
    void P13_aPendingCorrectionBlocksEveryUseAndEveryDisclosureOfTheFieldUntilItIsClosed() {
        try (RecipientReceiver partner = new RecipientReceiver()) {
            String partnerId = register(partner, "CONSENTED_THIRD_PARTY", "name", "email");
            Member m = Members.signUpMarked(member, true);
            Members.awaitAudited(audit, m.id(), "MemberRegistered.v1");
            grantProvision(m, partnerId);
            awaitAcceptedOnConsent(partnerId, m, "name"); // the consent is known to the disclosure-service

            String correctionId = given().auth().oauth2(m.token()).contentType(ContentType.JSON).body("{\"fields\":[\"email\"]}")
                    .when().post(member + "/v1/members/{id}/corrections", m.id()).then().statusCode(201)
                    .extract().jsonPath().getString("correctionId");

            // member-service: staff use refused, the member sees the field withheld
            given().auth().oauth2(OFFICER).queryParam("purpose", "MEMBER_MANAGEMENT").when().get(member + "/v1/members/{id}", m.id())
                    .then().statusCode(409).body("violations.field", hasItem("email"));
            given().auth().oauth2(m.token()).when().get(member + "/v1/members/{id}", m.id())
                    .then().statusCode(200).body("restricted", hasItem("email")).body("email", equalTo(null));
            // disclosure-service: the request is refused as soon as CorrectionRequested arrived
            await().atMost(PROPAGATION).untilAsserted(() -> requestOnConsent(partnerId, m, "email")
                    .statusCode(409).body("type", containsString("fields-restricted")).body("violations.field", hasItem("email")));
            // and the release itself is refused too, should an approval slip through
            given().auth().oauth2(DevTokens.service("disclosure-service")).queryParam("fields", "email")
                    .queryParam("purpose", "THIRD_PARTY_PROVISION").queryParam("disclosureId", UUID.randomUUID())
                    .when().get(member + "/v1/members/{id}/disclosure-view", m.id()).then().statusCode(409);
            assertThat(partner.deliveries("disclosure")).isEmpty();

            // rejected: the restriction lifts everywhere
            given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body("{\"reason\":\"NOT_INACCURATE\"}")
                    .when().post(member + "/v1/members/{id}/corrections/{cid}/reject", m.id(), correctionId).then().statusCode(200);
            String id = awaitAcceptedOnConsent(partnerId, m, "email");
            given().auth().oauth2(OFFICER).when().post(disclosure + "/v1/disclosures/{id}/approvals", id)
                    .then().statusCode(200).body("status", equalTo("EXECUTED"));
            await().atMost(PROPAGATION).until(() -> !partner.deliveries("disclosure").isEmpty());
            assertThat(partner.deliveries("disclosure").get(0).body()).contains(m.email());
        }
    }

    @Test
    void P14_aCorrectionOfProvidedDataIsNotifiedToEveryRecipientThatReceivedItAndToNoOther() {
        try (RecipientReceiver gotEmail = new RecipientReceiver(); RecipientReceiver gotName = new RecipientReceiver()) {
            String emailRecipient = register(gotEmail, "CONSENTED_THIRD_PARTY", "email");
            String nameRecipient = register(gotName, "CONSENTED_THIRD_PARTY", "name");
            Member m = Members.signUpMarked(member, true);
            Members.awaitAudited(audit, m.id(), "MemberRegistered.v1");
            grantProvision(m, emailRecipient);
            grantProvision(m, nameRecipient);
            for (String[] r : List.of(new String[] {emailRecipient, "email"}, new String[] {nameRecipient, "name"})) {
                String id = awaitAcceptedOnConsent(r[0], m, r[1]);
                given().auth().oauth2(OFFICER).when().post(disclosure + "/v1/disclosures/{id}/approvals", id)
                        .then().statusCode(200).body("status", equalTo("EXECUTED"));
            }

            String corrected = "fixed_" + m.marker() + "@example.com";
            String correctionId = given().auth().oauth2(m.token()).contentType(ContentType.JSON).body("{\"fields\":[\"email\"]}")
                    .when().post(member + "/v1/members/{id}/corrections", m.id()).then().statusCode(201)
                    .extract().jsonPath().getString("correctionId");
            given().auth().oauth2(m.token()).contentType(ContentType.JSON).body("{\"changes\":{\"email\":\"" + corrected + "\"}}")
                    .when().post(member + "/v1/members/{id}/corrections/{cid}/apply", m.id(), correctionId)
                    .then().statusCode(200);

            await().atMost(PROPAGATION).until(() -> !gotEmail.deliveries("correction-notice").isEmpty());
            RecipientReceiver.Delivery notice = gotEmail.deliveries("correction-notice").get(0);
            assertThat(notice.signatureValid()).isTrue();
            assertThat(notice.body()).contains(corrected).contains(correctionId).doesNotContain(m.email());
            await().atMost(PROPAGATION).untilAsserted(() -> {
                List<Map<String, Object>> notices = given().auth().oauth2(OFFICER).queryParam("memberId", m.id())
                        .when().get(disclosure + "/v1/correction-notices").then().statusCode(200).extract().jsonPath().getList("");
                assertThat(notices).singleElement().satisfies(n -> {
                    assertThat(n.get("recipientId")).isEqualTo(emailRecipient);
                    assertThat(n.get("acknowledgedAt")).as("delivery recorded").isNotNull();
                });
            });
            Members.awaitAudited(audit, m.id(), "CorrectionApplied.v1", "CorrectionNoticeSent.v1");
            assertThat(gotName.deliveries("correction-notice")).as("it never received the e-mail").isEmpty();
        }
    }

    @Test
    void P15_afterWithdrawalTheDataServesNoOtherPurposeThanTheLawAllows() {
        try (RecipientReceiver partner = new RecipientReceiver(); RecipientReceiver agency = new RecipientReceiver()) {
            String partnerId = register(partner, "CONSENTED_THIRD_PARTY", "email");
            String agencyId = register(agency, "INVESTIGATIVE_AGENCY", "email");
            Member m = Members.signUpMarked(member, true);
            Members.awaitAudited(audit, m.id(), "MemberRegistered.v1");
            grantProvision(m, partnerId);
            given().auth().oauth2(m.token()).contentType(ContentType.JSON).body("{\"purpose\":\"MARKETING\"}")
                    .when().post(consent + "/v1/members/{id}/consents", m.id()).then().statusCode(201);
            awaitAcceptedOnConsent(partnerId, m, "email");

            Members.withdraw(member, m);
            // no provision on the consent, no marketing use, no normal read
            await().atMost(PROPAGATION).untilAsserted(() -> requestOnConsent(partnerId, m, "email").statusCode(422));
            await().atMost(PROPAGATION).untilAsserted(() -> given().auth().oauth2(OFFICER)
                    .when().get(consent + "/v1/members/{id}/consents", m.id()).then().statusCode(200)
                    .body("membershipActive", equalTo(false))
                    .body("consents.findAll { it.purpose == 'MARKETING' || it.purpose == 'THIRD_PARTY_PROVISION' }.state",
                            org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.not(equalTo("GRANTED")))));
            given().auth().oauth2(OFFICER).queryParam("purpose", "MEMBER_MANAGEMENT").when().get(member + "/v1/members/{id}", m.id())
                    .then().statusCode(404);
            given().auth().oauth2(DevTokens.service("disclosure-service")).queryParam("fields", "email")
                    .queryParam("purpose", "THIRD_PARTY_PROVISION").queryParam("disclosureId", UUID.randomUUID())
                    .when().get(member + "/v1/members/{id}/disclosure-view", m.id()).then().statusCode(404);

            // what the law allows still works: a lawful request approved by two officers reads the separated store
            String lawful = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body("""
                            {"recipientId":"%s","memberId":"%s","fields":["email"],"purpose":"LAWFUL_DISCLOSURE",
                             "legalBasis":"LAWFUL_REQUEST","lawfulRequest":{"authority":"Seoul Police","legalReference":"CPA-199",
                             "caseNumber":"2026-GH-15","documentReference":"WARRANT-15"}}""".formatted(agencyId, m.id()))
                    .when().post(disclosure + "/v1/disclosures").then().statusCode(201).extract().jsonPath().getString("id");
            given().auth().oauth2(SECOND_OFFICER).when().post(disclosure + "/v1/disclosures/{id}/approvals", lawful).then().statusCode(200);
            given().auth().oauth2(THIRD_OFFICER).when().post(disclosure + "/v1/disclosures/{id}/approvals", lawful)
                    .then().statusCode(200).body("status", equalTo("EXECUTED"));
            await().atMost(PROPAGATION).until(() -> !agency.deliveries("disclosure").isEmpty());
            assertThat(agency.deliveries("disclosure").get(0).body()).contains(m.email());
            assertThat(partner.deliveries("disclosure")).isEmpty();
            await().atMost(PROPAGATION).untilAsserted(() -> assertThat(Members.auditEntries(audit, m.id()))
                    .anySatisfy(e -> {
                        assertThat(e.get("sourceType")).isEqualTo("AccessRecorded.v1");
                        assertThat(e.get("purpose")).isEqualTo("LAWFUL_DISCLOSURE");
                    }));
        }
    }

    private String register(RecipientReceiver receiver, String kind, String... fields) {
        String code = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String list = String.join("\",\"", fields);
        return given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body("""
                        {"code":"%s","displayName":"E2E %s","kind":"%s","contact":"privacy@%s.example","fields":["%s"],
                         "endpoint":"%s","secret":"%s"}""".formatted(code, code, kind, code, list, receiver.endpoint(), receiver.secret))
                .when().post(disclosure + "/v1/recipients").then().statusCode(201).extract().jsonPath().getString("id");
    }

    private void grantProvision(Member m, String recipientId) {
        Members.awaitConsentLedger(consent, m.id());
        given().auth().oauth2(m.token()).contentType(ContentType.JSON)
                .body("{\"purpose\":\"THIRD_PARTY_PROVISION\",\"recipientId\":\"" + recipientId + "\"}")
                .when().post(consent + "/v1/members/{id}/consents", m.id()).then().statusCode(201);
    }

    private ValidatableResponse requestOnConsent(String recipientId, Member m, String... fields) {
        return given().auth().oauth2(REQUESTER).contentType(ContentType.JSON).body("""
                        {"recipientId":"%s","memberId":"%s","fields":["%s"],"purpose":"THIRD_PARTY_PROVISION","legalBasis":"CONSENT"}"""
                        .formatted(recipientId, m.id(), String.join("\",\"", fields)))
                .when().post(disclosure + "/v1/disclosures").then();
    }

    /** Requests until the disclosure-service has the consent from consent.events; the request's ID. */
    private String awaitAcceptedOnConsent(String recipientId, Member m, String... fields) {
        String[] id = new String[1];
        await().atMost(PROPAGATION).pollInterval(java.time.Duration.ofSeconds(1)).untilAsserted(() ->
                id[0] = requestOnConsent(recipientId, m, fields).statusCode(201).body("status", equalTo("PENDING"))
                        .extract().jsonPath().getString("id"));
        return id[0];
    }
}
