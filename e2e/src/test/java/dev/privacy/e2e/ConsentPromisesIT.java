package dev.privacy.e2e;

import dev.privacy.e2e.Members.Member;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.privacy.e2e.Members.OFFICER;
import static dev.privacy.e2e.Members.PROPAGATION;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** P03, P04, P05, P16, P21: purposes, the guardian's consent for under-14s, optional consents and cookies. */
class ConsentPromisesIT {

    private final PlatformUnderTest platform = PlatformUnderTest.get();
    private final String member = platform.member().baseUrl();
    private final String consent = platform.service("consent-service").baseUrl();
    private final String audit = platform.service("audit-log-service").baseUrl();

    /** Nothing any e2e test put in so far has left through a topic or a log. */
    @AfterAll
    static void noPersonalValueEscapedThroughATopicOrALog() throws Exception {
        PersonalDataScan.assertNothingEscaped(PlatformUnderTest.get());
    }

    @Test
    void P03_everyDataUseNamesAPolicyPurposeAndMarketingUseNeedsALiveMarketingConsent() {
        JsonPath catalogue = given().when().get(consent + "/v1/purposes").then().statusCode(200).extract().jsonPath();
        assertThat(catalogue.prettify()).contains("CONTRACT_AND_BILLING", "MEMBER_MANAGEMENT", "MARKETING");

        Member m = Members.signUpMarked(member, true);
        awaitLedger(m);
        assertThat(marketingAudience()).as("no marketing use without the consent").doesNotContain(m.id().toString());
        given().auth().oauth2(m.token()).contentType(ContentType.JSON).body("{\"purpose\":\"MARKETING\"}")
                .when().post(consent + "/v1/members/{id}/consents", m.id()).then().statusCode(201);
        assertThat(marketingAudience()).contains(m.id().toString());

        // every access to the member's data in the audit log names a purpose of the policy
        given().auth().oauth2(m.token()).when().get(member + "/v1/members/{id}", m.id()).then().statusCode(200);
        Members.awaitAudited(audit, m.id(), "ConsentGranted.v1");
        await().atMost(PROPAGATION).untilAsserted(() -> {
            List<Map<String, Object>> accesses = Members.auditEntries(audit, m.id()).stream()
                    .filter(e -> "AccessRecorded.v1".equals(e.get("sourceType"))).toList();
            assertThat(accesses).hasSizeGreaterThanOrEqualTo(3).allSatisfy(e -> assertThat(e.get("purpose"))
                    .isIn("CONTRACT_AND_BILLING", "MEMBER_MANAGEMENT", "MARKETING", "COOKIE_TARGETING", "THIRD_PARTY_PROVISION",
                            "LAWFUL_DISCLOSURE", "FRAUD_PREVENTION", "RETENTION", "CORRECTION", "COMPLAINT_HANDLING"));
            assertThat(accesses).anySatisfy(e -> assertThat(e.get("purpose")).isEqualTo("MARKETING"));
        });
    }

    @Test
    void P04_anUnder14MemberCannotActUntilAGuardianConsents() {
        Member child = Members.signUpMarked(member, false);
        assertThat(Members.loginStatus(member, child)).as("PENDING cannot log in").isEqualTo(401);
        given().auth().oauth2(child.token()).contentType(ContentType.JSON).body("""
                        {"address":{"postcode":"06236","line1":"Road 1"},"payment":{"processorToken":"tok_e2echild","brand":"VISA","last4":"4242"}}""")
                .when().post(member + "/v1/members/{id}/service-applications", child.id())
                .then().statusCode(409).body("type", org.hamcrest.Matchers.containsString("member-not-active"));
        awaitLedger(child);

        confirmGuardian(child, "SMS", "SMS-TX-" + UUID.randomUUID());

        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(Members.loginStatus(member, child)).isEqualTo(200));
        Members.applyForService(member, child);
        Members.awaitAudited(audit, child.id(), "GuardianConsentConfirmed.v1", "MemberActivated.v1");
        // the guardian's consent is evidenced like any consent: a receipt
        List<Map<String, Object>> receipts = given().auth().oauth2(OFFICER)
                .when().get(consent + "/v1/members/{id}/consent-receipts", child.id()).then().statusCode(200)
                .extract().jsonPath().getList("");
        assertThat(receipts).anySatisfy(r -> assertThat(String.valueOf(r.get("method"))).containsIgnoringCase("GUARDIAN"));
    }

    @Test
    void P05_marketingIsOffByDefaultAndItsWithdrawalTakesEffectAtOnce() {
        Member m = Members.signUpMarked(member, true);
        awaitLedger(m);
        Map<String, String> states = consentStates(m);
        assertThat(states).containsEntry("MARKETING", "NOT_GIVEN").containsEntry("COOKIE_TARGETING", "NOT_GIVEN");

        given().auth().oauth2(m.token()).contentType(ContentType.JSON).body("{\"purpose\":\"MARKETING\"}")
                .when().post(consent + "/v1/members/{id}/consents", m.id()).then().statusCode(201);
        assertThat(marketingAudience()).contains(m.id().toString());
        given().auth().oauth2(m.token()).when().delete(consent + "/v1/members/{id}/consents/MARKETING", m.id())
                .then().statusCode(200);
        assertThat(marketingAudience()).as("at once, not eventually").doesNotContain(m.id().toString());
        assertThat(consentStates(m)).containsEntry("MARKETING", "WITHDRAWN");
        Members.awaitAudited(audit, m.id(), "ConsentGranted.v1", "ConsentWithdrawn.v1");

        // withdrawing the membership ends every optional consent too
        given().auth().oauth2(m.token()).contentType(ContentType.JSON).body("{\"purpose\":\"MARKETING\"}")
                .when().post(consent + "/v1/members/{id}/consents", m.id()).then().statusCode(201);
        Members.withdraw(member, m);
        await().atMost(PROPAGATION).untilAsserted(() ->
                assertThat(marketingAudience()).doesNotContain(m.id().toString()));
    }

    @Test
    void P16_cookiesAllowedAllConfirmedEachOrRefusedAndRefusalTurnsTargetingOff() {
        Member m = Members.signUpMarked(member, true);
        awaitLedger(m);
        assertThat(decision(m, "TARGETING")).as("nothing recorded means no").isFalse();

        given().auth().oauth2(m.token()).contentType(ContentType.JSON).body("{\"choice\":\"ALLOW_ALL\"}")
                .when().put(consent + "/v1/cookie-preferences/members/{id}", m.id()).then().statusCode(200);
        assertThat(decision(m, "TARGETING")).isTrue();
        assertThat(consentStates(m)).containsEntry("COOKIE_TARGETING", "GRANTED");

        given().auth().oauth2(m.token()).contentType(ContentType.JSON)
                .body("{\"choice\":\"CONFIRM_EACH\",\"targeting\":false,\"statistics\":true}")
                .when().put(consent + "/v1/cookie-preferences/members/{id}", m.id()).then().statusCode(200);
        assertThat(decision(m, "STATISTICS")).isTrue();
        assertThat(decision(m, "TARGETING")).isFalse();

        given().auth().oauth2(m.token()).contentType(ContentType.JSON).body("{\"choice\":\"REFUSE_ALL\"}")
                .when().put(consent + "/v1/cookie-preferences/members/{id}", m.id()).then().statusCode(200);
        assertThat(decision(m, "TARGETING")).isFalse();
        assertThat(decision(m, "STATISTICS")).isFalse();
        assertThat(decision(m, "ESSENTIAL")).isTrue();
        assertThat(consentStates(m)).containsEntry("COOKIE_TARGETING", "WITHDRAWN");
        Members.awaitAudited(audit, m.id(), "ConsentWithdrawn.v1");

        // an anonymous device has its own preference
        UUID device = UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"choice\":\"REFUSE_ALL\"}")
                .when().put(consent + "/v1/cookie-preferences/devices/{id}", device).then().statusCode(200);
        given().queryParam("device", device).queryParam("category", "TARGETING")
                .when().get(consent + "/v1/cookie-preferences/decision").then().statusCode(200).body("allowed", equalTo(false));
    }

    @Test
    void P21_guardianConsentRecordsTheMethodThatConfirmedItAndItsEvidenceReference() {
        Member child = Members.signUpMarked(member, false);
        awaitLedger(child);
        // evidence must be an ID, never contact data: it travels in the event
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(guardianBody("EMAIL", "parent@example.com"))
                .when().post(consent + "/v1/members/{id}/guardian-consent", child.id()).then().statusCode(400);
        String evidence = "PIC-" + UUID.randomUUID();
        confirmGuardian(child, "PHONE_IDENTITY_CHECK", evidence);

        given().auth().oauth2(OFFICER).when().get(consent + "/v1/members/{id}/guardian-consent", child.id())
                .then().statusCode(200).body("method", equalTo("PHONE_IDENTITY_CHECK"))
                .body("evidenceReference", equalTo(evidence));
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(Members.loginStatus(member, child)).isEqualTo(200));
        Members.awaitAudited(audit, child.id(), "GuardianConsentConfirmed.v1");
    }

    private void confirmGuardian(Member child, String method, String evidence) {
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(guardianBody(method, evidence))
                .when().post(consent + "/v1/members/{id}/guardian-consent", child.id()).then().statusCode(201)
                .body("method", equalTo(method));
    }

    private static String guardianBody(String method, String evidence) {
        String guardian = "guardian" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String contact = "8210" + (10_000_000 + Math.abs(guardian.hashCode() % 89_999_999));
        PersonalDataScan.register(guardian);
        PersonalDataScan.register(contact);
        return """
                {"method":"%s","evidenceReference":"%s","guardianName":"Name-%s","guardianContact":"+%s"}"""
                .formatted(method, evidence, guardian, contact);
    }

    /** consent-service knows the member once MemberRegistered has arrived. */
    private void awaitLedger(Member m) {
        Members.awaitConsentLedger(consent, m.id());
    }

    private Map<String, String> consentStates(Member m) {
        List<Map<String, Object>> lines = given().auth().oauth2(m.token()).when().get(consent + "/v1/members/{id}/consents", m.id())
                .then().statusCode(200).extract().jsonPath().getList("consents");
        Map<String, String> states = new java.util.HashMap<>();
        lines.stream().filter(l -> l.get("recipientId") == null)
                .forEach(l -> states.put((String) l.get("purpose"), (String) l.get("state")));
        return states;
    }

    private boolean decision(Member m, String category) {
        return given().auth().oauth2(m.token()).queryParam("member", m.id()).queryParam("category", category)
                .when().get(consent + "/v1/cookie-preferences/decision").then().statusCode(200)
                .extract().jsonPath().getBoolean("allowed");
    }

    /** Every page of the marketing audience, as the marketing tool reads it. */
    private List<String> marketingAudience() {
        List<String> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            var request = given().auth().oauth2(OFFICER).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath body = request.when().get(consent + "/v1/audiences/marketing").then().statusCode(200).extract().jsonPath();
            all.addAll(body.getList("memberIds"));
            cursor = body.getString("nextCursor");
            if (cursor == null) {
                return all;
            }
        }
        throw new AssertionError("marketing audience did not end within 100 pages");
    }
}
