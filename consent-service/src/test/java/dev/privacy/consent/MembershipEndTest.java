package dev.privacy.consent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.GuardianConfirmationMethod;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.consent.ConsentWithdrawn;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
class MembershipEndTest {

    @Inject
    DataSource dataSource;

    @Test
    void P06_memberWithdrawnWithdrawsEveryOptionalConsentAtOnceAndDestroysTheCookiePreferences() {
        UUID memberId = ConsentTests.registeredMember(false);
        UUID recipient = UUID.randomUUID();
        UUID device = UUID.randomUUID();
        ConsentTests.grant(memberId, "MARKETING").statusCode(201);
        ConsentTests.grant(memberId, Map.of("purpose", "THIRD_PARTY_PROVISION", "recipientId", recipient.toString()))
                .statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("choice", "ALLOW_ALL"))
                .when().put("/v1/cookie-preferences/devices/{d}", device).then().statusCode(200);
        given().auth().oauth2(ConsentTests.member(memberId)).when().post("/v1/cookie-preferences/{d}/link", device)
                .then().statusCode(200).body("targeting", equalTo(true));
        long receiptsBefore = ConsentTests.count(dataSource, "SELECT count(*) FROM consent_receipt WHERE member_id = ?", memberId);

        try (TopicProbe probe = ConsentTests.probe(Topics.CONSENT_EVENTS)) {
            ConsentTests.withdrawMembership(dataSource, memberId);

            List<JsonNode> withdrawn = ConsentTests.events(probe, ConsentWithdrawn.class, memberId, 3);
            assertThat(withdrawn).extracting(j -> j.path("purpose").asText())
                    .containsExactlyInAnyOrder("MARKETING", "THIRD_PARTY_PROVISION", "COOKIE_TARGETING");
            assertThat(withdrawn).extracting(j -> j.path("reason").asText()).containsOnly("MEMBERSHIP_ENDED");
            assertThat(withdrawn).filteredOn(j -> j.path("purpose").asText().equals("THIRD_PARTY_PROVISION"))
                    .extracting(j -> j.path("recipientId").asText()).containsExactly(recipient.toString());
            JsonNode destroyed = ConsentTests.events(probe, DataDestroyed.class, memberId, 1).get(0);
            assertThat(destroyed.path("category").asText()).isEqualTo("COOKIE_PREFERENCES");
            assertThat(destroyed.path("recordCount").asLong()).isEqualTo(2); // the member's and the linked device's
        }
        assertThat(ConsentTests.count(dataSource,
                "SELECT count(*) FROM cookie_preference WHERE ? IN (member_id, linked_member_id)", memberId))
                .isZero();
        assertThat(ConsentTests.count(dataSource,
                "SELECT count(*) FROM consent_record WHERE member_id = ? AND state = 'GRANTED'", memberId)).isZero();
        // the evidence stays for its retention period: one more receipt per ended consent, none deleted
        assertThat(ConsentTests.count(dataSource, "SELECT count(*) FROM consent_receipt WHERE member_id = ?", memberId))
                .isEqualTo(receiptsBefore + 5);
        given().auth().oauth2(ConsentTests.OFFICER).when().get("/v1/members/{id}/consent-receipts", memberId)
                .then().statusCode(200).body("findAll { it.method == 'MEMBERSHIP_WITHDRAWAL' }.reason",
                        org.hamcrest.Matchers.everyItem(equalTo("MEMBERSHIP_ENDED")));
        given().when().get("/v1/cookie-preferences/decision?device={d}&category=TARGETING", device)
                .then().statusCode(200).body("allowed", equalTo(false));
        ConsentTests.grant(memberId, "MARKETING").statusCode(409).contentType("application/problem+json");
    }

    @Test
    void P07_P09_retentionExpiryOfTheConsentRecordsDestroysThemShredsTheGuardianKeyAndAnswersDataDestroyed() {
        UUID memberId = ConsentTests.registeredMember(true);
        given().auth().oauth2(ConsentTests.OFFICER).contentType(ContentType.JSON)
                .body(Map.of("method", GuardianConfirmationMethod.SIGNED_FORM.name(), "evidenceReference", "form-" + memberId,
                        "guardianName", "Park Jiyeon", "guardianContact", "010-9876-5432"))
                .when().post("/v1/members/{id}/guardian-consent", memberId).then().statusCode(201);
        ConsentTests.withdrawMembership(dataSource, memberId);
        UUID schedule = UUID.randomUUID();
        UUID foreign = UUID.randomUUID();
        try (TopicProbe probe = ConsentTests.probe(Topics.CONSENT_EVENTS)) {
            ConsentTests.send(Topics.retentionExpired(Services.CONSENT), Services.RETENTION, new RetentionExpired(foreign, memberId,
                    DataCategory.CONSENT_RECORDS, Services.MEMBER, Instant.now()));
            ConsentTests.send(Topics.retentionExpired(Services.CONSENT), Services.RETENTION, new RetentionExpired(schedule, memberId,
                    DataCategory.CONSENT_RECORDS, Services.CONSENT, Instant.now()));
            var records = probe.pollUntil(r -> ConsentTests.ofType(r, DataDestroyed.class, memberId).stream()
                    .map(ConsentTests::json).anyMatch(j -> j.path("scheduleId").asText().equals(schedule.toString())),
                    Duration.ofSeconds(30));
            List<JsonNode> answers = ConsentTests.ofType(records, DataDestroyed.class, memberId).stream()
                    .map(ConsentTests::json).filter(j -> j.path("category").asText().equals("CONSENT_RECORDS")).toList();
            assertThat(answers).hasSize(1);
            assertThat(answers.get(0).path("scheduleId").asText()).isEqualTo(schedule.toString());
            assertThat(answers.get(0).path("category").asText()).isEqualTo("CONSENT_RECORDS");
            assertThat(answers.get(0).path("method").asText()).isEqualTo("CRYPTO_SHRED");
            assertThat(answers.get(0).path("recordCount").asLong()).isPositive();
            assertThat(answers.get(0).path("service").asText()).isEqualTo(Services.CONSENT);
        }
        for (String table : List.of("consent_receipt", "consent_record", "guardian_consent", "guardian_data_key",
                "consent_subject")) {
            assertThat(ConsentTests.count(dataSource, "SELECT count(*) FROM " + table + " WHERE member_id = ?", memberId))
                    .as(table).isZero();
        }
    }
}
