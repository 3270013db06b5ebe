package dev.privacy.disclosure;

import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The recipients registry (P10): what is registered is listed as registered; the secret never comes back. */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "disclosure"))
@QuarkusTestResource(MemberServiceStandIn.class)
class RecipientRegistryTest {

    @Inject
    DataSource db;

    @Test
    void P10_registeredPartnersAndAgenciesAreListedWithTheirContentAndWithoutTheSecret() {
        Map<String, Object> partner = TestDisclosures.partnerBody("https://partner.example/privacy/hook", List.of("email", "name"));
        Map<String, Object> agency = TestDisclosures.agencyBody(null, List.of("name", "mobile"));
        agency.remove("endpoint");
        agency.remove("secret");
        String partnerId = TestDisclosures.register(partner).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/recipients/"))
                .body("signingSecretSet", equalTo(true)).extract().path("id");
        String agencyId = TestDisclosures.register(agency).then().statusCode(201)
                .body("signingSecretSet", equalTo(false)).extract().path("id");

        String list = given().auth().oauth2(DevTokens.staff("compliance")).when().get("/v1/recipients")
                .then().statusCode(200)
                .body("code", hasItem(partner.get("code")))
                .body("code", hasItem(agency.get("code")))
                .body("find { it.id == '" + partnerId + "' }.kind", equalTo("CONSENTED_THIRD_PARTY"))
                .body("find { it.id == '" + partnerId + "' }.displayName", equalTo("Partner Insurance Co."))
                .body("find { it.id == '" + partnerId + "' }.contact", equalTo("privacy-desk@partner.example"))
                .body("find { it.id == '" + partnerId + "' }.endpoint", equalTo("https://partner.example/privacy/hook"))
                // stored in the canonical field order
                .body("find { it.id == '" + partnerId + "' }.fields", equalTo(List.of("name", "email")))
                .body("find { it.id == '" + agencyId + "' }.kind", equalTo("INVESTIGATIVE_AGENCY"))
                .body("find { it.id == '" + agencyId + "' }.fields", equalTo(List.of("name", "mobile")))
                .extract().asString();
        assertThat(list).doesNotContain(RecipientReceiver.SECRET);
        given().auth().oauth2(TestDisclosures.officer("someone")).when().get("/v1/recipients/" + partnerId)
                .then().statusCode(200).body("code", equalTo(partner.get("code")));

        // at rest the secret is encrypted, not stored in the clear
        String stored = TestDisclosures.string(db, "SELECT secret_ciphertext FROM recipient WHERE id = ?", UUID.fromString(partnerId));
        assertThat(stored).isNotBlank().doesNotContain(RecipientReceiver.SECRET);
    }

    @Test
    void badRegistrationsAreRefusedWithTheOffendingFields() {
        Map<String, Object> plainHttp = TestDisclosures.partnerBody("http://partner.example/hook", List.of("email"));
        TestDisclosures.register(plainHttp).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("endpoint"));

        Map<String, Object> noSecret = TestDisclosures.partnerBody("https://partner.example/hook", List.of("email"));
        noSecret.put("secret", "short");
        TestDisclosures.register(noSecret).then().statusCode(400).body("violations.field", hasItem("secret"));

        Map<String, Object> noEndpoint = TestDisclosures.partnerBody(null, List.of("email"));
        noEndpoint.remove("secret");
        TestDisclosures.register(noEndpoint).then().statusCode(400).body("violations.field", hasItem("endpoint"));

        Map<String, Object> badField = TestDisclosures.partnerBody("https://partner.example/hook", List.of("email", "password"));
        badField.put("kind", "FRIEND");
        TestDisclosures.register(badField).then().statusCode(400)
                .body("violations.field", hasItem("fields[1]")).body("violations.field", hasItem("kind"));

        Map<String, Object> unknownProperty = TestDisclosures.partnerBody("https://partner.example/hook", List.of("email"));
        unknownProperty.put("notes", "x");
        TestDisclosures.register(unknownProperty).then().statusCode(400).contentType("application/problem+json");

        Map<String, Object> first = TestDisclosures.partnerBody("https://partner.example/hook", List.of("email"));
        TestDisclosures.register(first).then().statusCode(201);
        TestDisclosures.register(first).then().statusCode(409).body("violations.field", hasItem("code"));
        assertThat(TestDisclosures.count(db, "SELECT count(*) FROM recipient WHERE code = ?", first.get("code"))).isEqualTo(1);
        // nothing of the refused ones was stored
        assertThat(TestDisclosures.count(db, "SELECT count(*) FROM recipient WHERE code = ?", plainHttp.get("code"))).isZero();
    }

    @Test
    void aRepeatedIdempotencyKeyRegistersOnceAndReplaysTheAnswer() {
        Map<String, Object> body = TestDisclosures.partnerBody("https://partner.example/hook", List.of("email"));
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(TestDisclosures.officer("o")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/v1/recipients")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestDisclosures.officer("o")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/v1/recipients")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertThat(TestDisclosures.count(db, "SELECT count(*) FROM recipient WHERE code = ?", body.get("code"))).isEqualTo(1);
    }

    @Test
    void onlyPrivacyOfficersRegisterAndMembersAndServicesCannotList() {
        given().auth().oauth2(DevTokens.staff("compliance")).contentType(ContentType.JSON)
                .body(TestDisclosures.partnerBody("https://partner.example/hook", List.of("email")))
                .when().post("/v1/recipients").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.member(UUID.randomUUID())).when().get("/v1/recipients")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.service("consent-service")).when().get("/v1/recipients")
                .then().statusCode(403).contentType("application/problem+json");
    }
}
