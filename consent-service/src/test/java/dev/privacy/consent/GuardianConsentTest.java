package dev.privacy.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.consent.GuardianConsentConfirmed;
import dev.privacy.platform.testing.DevTokens;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
class GuardianConsentTest {

    private static final String NAME = "Guardian-Marker-Name-7Q";
    private static final String CONTACT = "guardian.marker.7q@example.org";

    @Inject
    DataSource dataSource;

    @Test
    void P04_P21_guardianConsentEmitsGuardianConsentConfirmedWithMethodAndEvidenceButNoContact() throws Exception {
        UUID memberId = ConsentTests.registeredMember(true);
        String evidence = "sms-tx-" + UUID.randomUUID();
        try (TopicProbe probe = ConsentTests.probe(Topics.ALL.toArray(String[]::new))) {
            String id = given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON)
                    .body(body("SMS", evidence))
                    .when().post("/v1/members/{id}/guardian-consent", memberId)
                    .then().statusCode(201).body("method", equalTo("SMS")).body("evidenceReference", equalTo(evidence))
                    .extract().path("guardianConsentId");

            List<JsonNode> confirmed = ConsentTests.events(probe, GuardianConsentConfirmed.class, memberId, 1);
            assertThat(confirmed).hasSize(1);
            assertThat(confirmed.get(0).path("guardianConsentId").asText()).isEqualTo(id);
            assertThat(confirmed.get(0).path("method").asText()).isEqualTo("SMS");
            assertThat(confirmed.get(0).path("evidenceReference").asText()).isEqualTo(evidence);

            // neither the guardian's name nor contact on any topic (access records name the fields only)
            for (ConsumerRecord<String, byte[]> record : probe.drain(Duration.ofSeconds(10))) {
                String data = new String(record.value(), StandardCharsets.UTF_8);
                assertThat(data).doesNotContain(NAME).doesNotContain(CONTACT);
            }
        }
        // at rest only ciphertext; the privacy officer reads it back decrypted
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT guardian_name_ct, guardian_contact_ct FROM guardian_consent WHERE member_id = ?")) {
            p.setObject(1, memberId);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain(NAME);
                assertThat(new String(rs.getBytes(2), StandardCharsets.ISO_8859_1)).doesNotContain(CONTACT);
            }
        }
        given().auth().oauth2(ConsentTests.OFFICER).when().get("/v1/members/{id}/guardian-consent", memberId)
                .then().statusCode(200).body("guardianContact", equalTo(CONTACT)).body("guardianName", equalTo(NAME));
        // evidenced like any consent: a receipt naming the method
        given().auth().oauth2(ConsentTests.OFFICER).when().get("/v1/members/{id}/consent-receipts", memberId)
                .then().statusCode(200).body("method", hasItem("GUARDIAN_CONSENT")).body("reason", hasItem("GUARDIAN_SMS"))
                .body("instructionReference", hasItem(evidence));
        Path log = Path.of("target/quarkus-test.log");
        if (Files.exists(log)) {
            assertThat(Files.readString(log)).doesNotContain(CONTACT).doesNotContain(NAME);
        }
        // once only
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON).body(body("SMS", evidence))
                .when().post("/v1/members/{id}/guardian-consent", memberId)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void P04_aGuardianConsentIsRefusedForAMemberWhoNeedsNoneAndForBadInput() {
        UUID adult = ConsentTests.registeredMember(false);
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON).body(body("PHONE_CALL", "call-1"))
                .when().post("/v1/members/{id}/guardian-consent", adult)
                .then().statusCode(409).contentType("application/problem+json");

        UUID minor = ConsentTests.registeredMember(true);
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON).body(body("SMS", CONTACT))
                .when().post("/v1/members/{id}/guardian-consent", minor)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("evidenceReference"));
        for (String notAnId : List.of("010-9876-5432", "form 42 signed by Park", "x".repeat(101))) {
            given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON).body(body("SIGNED_FORM", notAnId))
                    .when().post("/v1/members/{id}/guardian-consent", minor)
                    .then().statusCode(400).body("violations.field", hasItem("evidenceReference"));
        }
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON).body(body("CARRIER_PIGEON", "x-1"))
                .when().post("/v1/members/{id}/guardian-consent", minor)
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("method"));
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON).body(Map.of("method", "EMAIL"))
                .when().post("/v1/members/{id}/guardian-consent", minor)
                .then().statusCode(400).body("violations.field", hasItems("evidenceReference", "guardianContact", "guardianName"));
        given().auth().oauth2(DevTokens.member(minor)).contentType(ContentType.JSON).body(body("SMS", "tx-1"))
                .when().post("/v1/members/{id}/guardian-consent", minor)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON).body(body("SMS", "tx-1"))
                .when().post("/v1/members/{id}/guardian-consent", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static Map<String, Object> body(String method, String evidence) {
        Map<String, Object> body = new HashMap<>();
        body.put("method", method);
        body.put("evidenceReference", evidence);
        body.put("guardianName", NAME);
        body.put("guardianContact", CONTACT);
        return body;
    }
}
