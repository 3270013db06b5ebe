package dev.privacy.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.consent.ConsentGranted;
import dev.privacy.platform.events.consent.ConsentWithdrawn;
import dev.privacy.platform.events.consent.CookiePreferencesChanged;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
class CookiePreferencesTest {

    @Test
    void P16_anAnonymousDeviceAllowsAllConfirmsEachOrRefusesAllAndTheDecisionFollows() {
        UUID device = UUID.randomUUID();
        assertDevice(device, "TARGETING", false, "NO_PREFERENCE");
        assertDevice(device, "ESSENTIAL", true, "ESSENTIAL");
        try (TopicProbe probe = ConsentTests.probe(Topics.CONSENT_EVENTS)) {
            setDevice(device, Map.of("choice", "ALLOW_ALL"));
            assertDevice(device, "TARGETING", true, "DEVICE_PREFERENCE");
            assertDevice(device, "statistics", true, "DEVICE_PREFERENCE");

            setDevice(device, Map.of("choice", "CONFIRM_EACH", "targeting", false, "statistics", true));
            assertDevice(device, "TARGETING", false, "DEVICE_PREFERENCE");
            assertDevice(device, "STATISTICS", true, "DEVICE_PREFERENCE");

            setDevice(device, Map.of("choice", "REFUSE_ALL"));
            assertDevice(device, "TARGETING", false, "DEVICE_PREFERENCE");
            assertDevice(device, "STATISTICS", false, "DEVICE_PREFERENCE");
            assertDevice(device, "ESSENTIAL", true, "ESSENTIAL");

            var changes = ConsentTests.events(probe, CookiePreferencesChanged.class, device, 3);
            assertThat(changes).extracting(j -> j.path("choice").asText())
                    .containsExactly("ALLOW_ALL", "CONFIRM_EACH", "REFUSE_ALL");
            assertThat(changes.get(2).path("targeting").asBoolean()).isFalse();
            assertThat(changes.get(2).path("memberId").isNull()).isTrue();
        }
    }

    @Test
    void P16_aMembersRefusalWithdrawsTheCookieTargetingConsentAndSwitchesTargetingOff() {
        UUID memberId = ConsentTests.registeredMember(false);
        String token = ConsentTests.member(memberId);
        assertMember(memberId, "TARGETING", false);
        try (TopicProbe probe = ConsentTests.probe(Topics.CONSENT_EVENTS)) {
            setMember(memberId, Map.of("choice", "ALLOW_ALL"));
            assertMember(memberId, "TARGETING", true);
            JsonNode granted = ConsentTests.events(probe, ConsentGranted.class, memberId, 1).get(0);
            assertThat(granted.path("purpose").asText()).isEqualTo("COOKIE_TARGETING");

            setMember(memberId, Map.of("choice", "REFUSE_ALL"));
            assertMember(memberId, "TARGETING", false);
            assertMember(memberId, "STATISTICS", false);
            JsonNode withdrawn = ConsentTests.events(probe, ConsentWithdrawn.class, memberId, 1).get(0);
            assertThat(withdrawn.path("purpose").asText()).isEqualTo("COOKIE_TARGETING");
            assertThat(withdrawn.path("reason").asText()).isEqualTo("COOKIES_REFUSED");
            assertThat(ConsentTests.events(probe, CookiePreferencesChanged.class, memberId, 2)).hasSize(2);
        }
        given().auth().oauth2(token).when().get("/v1/members/{id}/consents", memberId).then().statusCode(200)
                .body("consents.find { it.purpose == 'COOKIE_TARGETING' }.state", equalTo("WITHDRAWN"));
        given().auth().oauth2(token).when().get("/v1/members/{id}/consent-receipts", memberId).then().statusCode(200)
                .body("method", hasItem("COOKIE_PREFERENCES"));
        given().auth().oauth2(token).when().get("/v1/cookie-preferences/members/{id}", memberId).then().statusCode(200)
                .body("choice", equalTo("REFUSE_ALL")).body("targeting", equalTo(false));
        given().auth().oauth2(DevTokens.member(UUID.randomUUID())).when().get("/v1/cookie-preferences/members/{id}", memberId)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void P16_aDeviceLinkedAtLoginGivesAMemberWithoutPreferencesItsChoiceAndFollowsTheMember() {
        UUID device = UUID.randomUUID();
        setDevice(device, Map.of("choice", "CONFIRM_EACH", "targeting", true, "statistics", false));
        UUID memberId = ConsentTests.registeredMember(false);
        given().auth().oauth2(ConsentTests.member(memberId)).when().post("/v1/cookie-preferences/{d}/link", device)
                .then().statusCode(200).body("memberId", equalTo(memberId.toString()))
                .body("choice", equalTo("CONFIRM_EACH")).body("targeting", equalTo(true));
        assertMember(memberId, "TARGETING", true);
        assertMember(memberId, "STATISTICS", false);

        setMember(memberId, Map.of("choice", "REFUSE_ALL"));
        assertDevice(device, "TARGETING", false, "MEMBER_PREFERENCE");
        given().contentType(ContentType.JSON).body(Map.of("choice", "ALLOW_ALL"))
                .when().put("/v1/cookie-preferences/devices/{d}", device)
                .then().statusCode(409).contentType("application/problem+json");
        UUID stranger = ConsentTests.registeredMember(false);
        given().auth().oauth2(ConsentTests.member(stranger)).when().post("/v1/cookie-preferences/{d}/link", device)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(ConsentTests.member(stranger)).when().post("/v1/cookie-preferences/{d}/link", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theDecisionRefusesBadQuestionsAndStrangers() {
        UUID memberId = ConsentTests.registeredMember(false);
        given().when().get("/v1/cookie-preferences/decision?device={d}&category=CHOCOLATE", UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("category"));
        given().when().get("/v1/cookie-preferences/decision?category=TARGETING")
                .then().statusCode(400).contentType("application/problem+json");
        given().when().get("/v1/cookie-preferences/decision?device=not-a-uuid&category=TARGETING")
                .then().statusCode(400).body("violations.field", hasItem("device"));
        given().when().get("/v1/cookie-preferences/decision?device={d}&member={m}&category=TARGETING", UUID.randomUUID(), memberId)
                .then().statusCode(400).contentType("application/problem+json");
        given().when().get("/v1/cookie-preferences/decision?member={m}&category=TARGETING", memberId)
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.member(UUID.randomUUID()))
                .when().get("/v1/cookie-preferences/decision?member={m}&category=TARGETING", memberId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(ConsentTests.SERVICE)
                .when().get("/v1/cookie-preferences/decision?member={m}&category=TARGETING", memberId)
                .then().statusCode(200).body("allowed", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("choice", "CONFIRM_EACH", "targeting", true))
                .when().put("/v1/cookie-preferences/devices/{d}", UUID.randomUUID())
                .then().statusCode(400).body("violations.field", hasItem("statistics"));
        given().contentType(ContentType.JSON).body(Map.of("choice", "REFUSE_ALL", "targeting", true))
                .when().put("/v1/cookie-preferences/devices/{d}", UUID.randomUUID())
                .then().statusCode(400).body("violations.field", hasItem("targeting"));
        given().contentType(ContentType.JSON).body(Map.of("choice", "EAT_ALL"))
                .when().put("/v1/cookie-preferences/devices/{d}", UUID.randomUUID())
                .then().statusCode(400).body("violations.field", hasItem("choice"));
    }

    private static void setDevice(UUID device, Map<String, Object> body) {
        given().contentType(ContentType.JSON).body(body).when().put("/v1/cookie-preferences/devices/{d}", device)
                .then().statusCode(200);
    }

    private static void setMember(UUID memberId, Map<String, Object> body) {
        given().auth().oauth2(ConsentTests.member(memberId)).contentType(ContentType.JSON).body(body)
                .when().put("/v1/cookie-preferences/members/{m}", memberId).then().statusCode(200);
    }

    private static void assertDevice(UUID device, String category, boolean allowed, String basis) {
        given().when().get("/v1/cookie-preferences/decision?device={d}&category={c}", device, category)
                .then().statusCode(200).body("allowed", equalTo(allowed)).body("basis", equalTo(basis));
    }

    private static void assertMember(UUID memberId, String category, boolean allowed) {
        given().auth().oauth2(ConsentTests.member(memberId))
                .when().get("/v1/cookie-preferences/decision?member={m}&category={c}", memberId, category)
                .then().statusCode(200).body("allowed", equalTo(allowed));
    }
}
