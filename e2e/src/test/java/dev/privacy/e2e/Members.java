package dev.privacy.e2e;

import dev.privacy.platform.testing.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a front-end or staff tool does against the running platform, shared by the e2e tests:
 * sign-up, login, withdrawal, the audit log's view of a member, and the ops clocks.
 */
final class Members {

    /** Bound for every wait on event propagation across the processes. */
    static final Duration PROPAGATION = Duration.ofSeconds(90);
    static final String OFFICER = DevTokens.staff("officer-kim", "privacy-officer");
    static final String SECOND_OFFICER = DevTokens.staff("officer-lee", "privacy-officer");
    static final String COMPLIANCE = DevTokens.staff("compliance");
    static final String OPS = DevTokens.staff("ops");

    private Members() {
    }

    /** A signed-up member and the values it signed up with; {@code marker} is in every personal value. */
    record Member(UUID id, String marker, String loginId, String password, String name, String email, String mobile) {
        String token() {
            return DevTokens.member(id);
        }
    }

    /** Sign-up body of the policy's items (P01) with a per-test suffix. */
    static String signUpBody(String suffix) {
        return """
                {"name":"Life Person","loginId":"life_%1$s","password":"life-pass-%1$s","mobile":"010-2345-6789",
                 "email":"life_%1$s@example.com","over14":true}""".formatted(suffix);
    }

    static UUID signUp(String memberBaseUrl, String body) {
        return UUID.fromString(given().contentType(ContentType.JSON).body(body)
                .when().post(memberBaseUrl + "/v1/members")
                .then().statusCode(201).extract().jsonPath().getString("memberId"));
    }

    /** A fresh member whose every personal value carries a unique lower-case marker. */
    static Member signUpMarked(String memberBaseUrl, boolean over14) {
        String marker = "mrk" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String mobile = "+8210" + (10_000_000 + Math.abs(marker.hashCode() % 89_999_999));
        Member m = new Member(null, marker, "login_" + marker, "pw-" + marker + "-secret", "Name-" + marker,
                "mail_" + marker + "@example.com", mobile);
        String body = """
                {"name":"%s","loginId":"%s","password":"%s","mobile":"%s","email":"%s","over14":%s}"""
                .formatted(m.name(), m.loginId(), m.password(), m.mobile(), m.email(), over14);
        PersonalDataScan.register(marker);
        PersonalDataScan.register(mobile.substring(1));
        UUID id = signUp(memberBaseUrl, body);
        return new Member(id, m.marker(), m.loginId(), m.password(), m.name(), m.email(), m.mobile());
    }

    /** POST /v1/sessions: the status code only (a PENDING member gets 401 like any refusal). */
    static int loginStatus(String memberBaseUrl, Member m) {
        return given().contentType(ContentType.JSON)
                .body("{\"loginId\":\"" + m.loginId() + "\",\"password\":\"" + m.password() + "\"}")
                .when().post(memberBaseUrl + "/v1/sessions").then().extract().statusCode();
    }

    static String login(String memberBaseUrl, Member m) {
        return given().contentType(ContentType.JSON)
                .body("{\"loginId\":\"" + m.loginId() + "\",\"password\":\"" + m.password() + "\"}")
                .when().post(memberBaseUrl + "/v1/sessions").then().statusCode(200)
                .extract().jsonPath().getString("accessToken");
    }

    /** A service application: an address and a payment processor token with display hints. */
    static void applyForService(String memberBaseUrl, Member m) {
        given().auth().oauth2(m.token()).contentType(ContentType.JSON).body("""
                        {"address":{"postcode":"06236","line1":"Road-%1$s 1","city":"Seoul"},
                         "payment":{"processorToken":"tok_%1$s","brand":"VISA","last4":"4242"}}""".formatted(m.marker()))
                .when().post(memberBaseUrl + "/v1/members/{id}/service-applications", m.id())
                .then().statusCode(201);
    }

    static void withdraw(String memberBaseUrl, Member m) {
        given().auth().oauth2(m.token()).when().delete(memberBaseUrl + "/v1/members/{id}", m.id())
                .then().statusCode(204);
    }

    /** The audit log's entries on a member (a plain list, or the paged {entries, nextCursor} form). */
    static List<Map<String, Object>> auditEntries(String auditBaseUrl, UUID memberId) {
        JsonPath body = given().auth().oauth2(COMPLIANCE).queryParam("memberId", memberId).queryParam("limit", 1000)
                .when().get(auditBaseUrl + "/v1/audit/entries")
                .then().statusCode(200).extract().jsonPath();
        Object root = body.get("");
        if (root instanceof Map<?, ?>) {
            return body.getList("entries");
        }
        return body.getList("");
    }

    static List<String> auditTypes(String auditBaseUrl, UUID memberId) {
        return auditEntries(auditBaseUrl, memberId).stream().map(e -> String.valueOf(e.get("sourceType"))).toList();
    }

    /** Waits until the audit log holds an entry of each of these event types for the member. */
    static void awaitAudited(String auditBaseUrl, UUID memberId, String... types) {
        await().atMost(PROPAGATION).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(auditTypes(auditBaseUrl, memberId)).contains(types));
    }

    /**
     * Waits until consent-service holds the member's consent ledger, which it opens from
     * MemberRegistered on member.events: before that a grant is refused (404, no ledger), as it
     * would be for a front end that grants before the event arrived.
     */
    static void awaitConsentLedger(String consentBaseUrl, UUID memberId) {
        await().atMost(PROPAGATION).untilAsserted(() -> given().auth().oauth2(OFFICER)
                .when().get(consentBaseUrl + "/v1/members/{id}/consent-ledger", memberId).then().statusCode(200));
    }

    /** Moves a service's clock forward (ISO-8601 period or duration) through its ops endpoint. */
    static void advanceClock(String serviceBaseUrl, String by) {
        given().auth().oauth2(OPS).contentType(ContentType.JSON).body("{\"by\":\"" + by + "\"}")
                .when().post(serviceBaseUrl + "/v1/ops/clock/advance").then().statusCode(200);
    }

    /** Puts a service's clock back to real time: the platform is shared by every e2e test of the JVM. */
    static void resetClock(String serviceBaseUrl) {
        int status = given().auth().oauth2(OPS).when().delete(serviceBaseUrl + "/v1/ops/clock").then().extract().statusCode();
        assertThat(status).as("clock reset on %s", serviceBaseUrl).isBetween(200, 204);
    }
}
