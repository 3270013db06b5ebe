package dev.privacy.auditlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * P17, P19: on RetentionExpired for a log category, the content of the member's entries older than
 * the category's period is destroyed, the chain still verifies over them, and DataDestroyed answers
 * on audit.events.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class RetentionPurgeTest {

    private static Instant monthsAgo(Instant now, int months) {
        return now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
    }

    @Test
    void P17_serviceLogsOlderThanThreeMonthsLoseTheirContentAndTheChainStillVerifies() {
        UUID member = UUID.randomUUID();
        Instant now = Instant.now();
        UUID old = AuditTestSupport.send(AuditTestSupport.access(member, member.toString(), ActorRole.MEMBER,
                List.of("name", "mobile"), Purpose.CONTRACT_AND_BILLING, monthsAgo(now, 4)));
        UUID recent = AuditTestSupport.send(AuditTestSupport.access(member, member.toString(), ActorRole.MEMBER,
                List.of("name"), Purpose.CONTRACT_AND_BILLING, monthsAgo(now, 1)));
        UUID staffOld = AuditTestSupport.send(AuditTestSupport.access(member, "staff-officer", ActorRole.PRIVACY_OFFICER,
                List.of("name"), Purpose.COMPLAINT_HANDLING, monthsAgo(now, 4)));
        long oldSequence = AuditTestSupport.awaitSequence(old);
        AuditTestSupport.awaitSequence(recent);
        AuditTestSupport.awaitSequence(staffOld);

        UUID schedule = UUID.randomUUID();
        try (TopicProbe audit = AuditTestSupport.probe(Topics.AUDIT_EVENTS)) {
            AuditTestSupport.send(Topics.retentionExpired(Services.AUDIT_LOG), Services.RETENTION,
                    new RetentionExpired(schedule, member, DataCategory.SERVICE_LOGS, Services.AUDIT_LOG, now));
            JsonNode destroyed = awaitDataDestroyed(audit, schedule);
            assertThat(destroyed.get("memberId").asText()).isEqualTo(member.toString());
            assertThat(destroyed.get("category").asText()).isEqualTo("SERVICE_LOGS");
            assertThat(destroyed.get("recordCount").asLong()).isEqualTo(1);
            assertThat(destroyed.get("service").asText()).isEqualTo("audit-log-service");
            assertThat(Instant.parse(destroyed.get("createdBefore").asText())).isEqualTo(monthsAgo(now, 3));
        }

        JsonPath purged = AuditTestSupport.awaitEntry(old);
        assertThat(purged.getString("purgedAt")).isNotNull();
        assertThat(purged.getString("actorId")).isNull();
        assertThat(purged.getString("memberId")).isNull();
        assertThat(purged.getList("fields")).isEmpty();
        assertThat(purged.getString("purpose")).isNull();
        assertThat(purged.getString("dataHash")).isNull();
        assertThat(purged.getString("leafHash")).matches("[0-9a-f]{64}");
        // What is within its period, and the staff record (2 years), keep their content.
        assertThat(AuditTestSupport.awaitEntry(recent).getString("memberId")).isEqualTo(member.toString());
        assertThat(AuditTestSupport.awaitEntry(staffOld).getString("actorId")).isEqualTo("staff-officer");

        given().auth().oauth2(AuditTestSupport.compliance()).queryParam("from", oldSequence)
                .when().get("/v1/audit/verification").then().statusCode(200)
                .body("intact", equalTo(true));
        assertThat(given().auth().oauth2(AuditTestSupport.compliance()).queryParam("from", oldSequence)
                .queryParam("to", oldSequence).when().get("/v1/audit/verification").then().statusCode(200)
                .extract().jsonPath().getLong("purgedEntries")).isEqualTo(1);
    }

    @Test
    void P19_staffAccessRecordsArePurgedOnlyAfterTwoYears() {
        UUID member = UUID.randomUUID();
        Instant now = Instant.now();
        UUID old = AuditTestSupport.send(AuditTestSupport.access(member, "staff-ops", ActorRole.OPS,
                List.of("email"), Purpose.MEMBER_MANAGEMENT, monthsAgo(now, 25)));
        UUID yearOld = AuditTestSupport.send(AuditTestSupport.access(member, "staff-ops", ActorRole.OPS,
                List.of("email"), Purpose.MEMBER_MANAGEMENT, monthsAgo(now, 13)));
        AuditTestSupport.awaitSequence(old);
        AuditTestSupport.awaitSequence(yearOld);

        UUID schedule = UUID.randomUUID();
        try (TopicProbe audit = AuditTestSupport.probe(Topics.AUDIT_EVENTS)) {
            AuditTestSupport.send(Topics.retentionExpired(Services.AUDIT_LOG), Services.RETENTION,
                    new RetentionExpired(schedule, member, DataCategory.STAFF_ACCESS_RECORDS, Services.AUDIT_LOG, now));
            assertThat(awaitDataDestroyed(audit, schedule).get("recordCount").asLong()).isEqualTo(1);
        }
        assertThat(AuditTestSupport.awaitEntry(old).getString("purgedAt")).isNotNull();
        assertThat(AuditTestSupport.awaitEntry(yearOld).getString("purgedAt")).isNull();
        assertThat(AuditTestSupport.awaitEntry(yearOld).getString("actorId")).isEqualTo("staff-ops");
    }

    @Test
    void aRetentionExpiryForAnotherServiceIsLoggedButPurgesNothing() {
        UUID member = UUID.randomUUID();
        Instant now = Instant.now();
        UUID old = AuditTestSupport.send(AuditTestSupport.access(member, member.toString(), ActorRole.MEMBER,
                List.of("name"), Purpose.CONTRACT_AND_BILLING, monthsAgo(now, 6)));
        AuditTestSupport.awaitSequence(old);
        // on member-service's own expiry topic, which the audit log also reads (and logs)
        UUID expiry = AuditTestSupport.send(Topics.retentionExpired(Services.MEMBER), Services.RETENTION,
                new RetentionExpired(UUID.randomUUID(), member, DataCategory.SERVICE_LOGS, Services.MEMBER, now));
        assertThat(AuditTestSupport.awaitEntry(expiry).getString("sourceType")).isEqualTo("RetentionExpired.v1");
        assertThat(AuditTestSupport.awaitEntry(old).getString("purgedAt")).isNull();
        assertThat(AuditTestSupport.awaitEntry(old).getString("memberId")).isEqualTo(member.toString());
    }

    @Test
    void P17_aRollingWindowExpiryPurgesTheCategoryOfAllMembersCreatedBeforeItsCutOff() {
        // The window form (createdBefore, no member) arrives with the retention-service's contract change.
        Assumptions.assumeTrue(Arrays.stream(RetentionExpired.class.getRecordComponents())
                .anyMatch(c -> c.getName().equals("createdBefore")), "RetentionExpired has no createdBefore yet");
        Instant cutOff = Instant.parse("2019-06-01T00:00:00Z");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID oldA = AuditTestSupport.send(AuditTestSupport.access(a, a.toString(), ActorRole.MEMBER, List.of("name"),
                Purpose.CONTRACT_AND_BILLING, cutOff.minusSeconds(86_400)));
        UUID oldB = AuditTestSupport.send(AuditTestSupport.access(b, b.toString(), ActorRole.MEMBER, List.of("name"),
                Purpose.CONTRACT_AND_BILLING, cutOff.minusSeconds(3_600)));
        UUID atCutOff = AuditTestSupport.send(AuditTestSupport.access(a, a.toString(), ActorRole.MEMBER, List.of("name"),
                Purpose.CONTRACT_AND_BILLING, cutOff));
        List.of(oldA, oldB, atCutOff).forEach(AuditTestSupport::awaitSequence);

        UUID schedule = UUID.randomUUID();
        String json = """
                {"scheduleId":"%s","memberId":null,"category":"SERVICE_LOGS","ownerService":"audit-log-service",                "createdBefore":"%s","occurredAt":"%s"}""".formatted(schedule, cutOff, Instant.now());
        try (TopicProbe audit = AuditTestSupport.probe(Topics.AUDIT_EVENTS)) {
            AuditTestSupport.producer().send(Topics.retentionExpired(Services.AUDIT_LOG), UUID.randomUUID(), Services.RETENTION,
                    "RetentionExpired.v1", schedule.toString(), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            JsonNode destroyed = awaitDataDestroyed(audit, schedule);
            assertThat(destroyed.get("memberId").isNull()).isTrue();
            assertThat(destroyed.get("recordCount").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(Instant.parse(destroyed.get("createdBefore").asText())).isEqualTo(cutOff);
        }
        assertThat(AuditTestSupport.awaitEntry(oldA).getString("purgedAt")).isNotNull();
        assertThat(AuditTestSupport.awaitEntry(oldB).getString("purgedAt")).isNotNull();
        assertThat(AuditTestSupport.awaitEntry(atCutOff).getString("purgedAt")).isNull();
        given().auth().oauth2(AuditTestSupport.compliance()).when().get("/v1/audit/verification")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    private static JsonNode awaitDataDestroyed(TopicProbe probe, UUID schedule) {
        List<ConsumerRecord<String, byte[]>> records = probe.pollUntil(rs -> find(rs, schedule).isPresent(),
                Duration.ofSeconds(30));
        return find(records, schedule).orElseThrow(() -> new AssertionError("no DataDestroyed for " + schedule));
    }

    private static Optional<JsonNode> find(List<ConsumerRecord<String, byte[]>> records, UUID schedule) {
        return records.stream().filter(r -> "DataDestroyed.v1".equals(TopicProbe.cloudEvent(r).getType()))
                .map(r -> EventJson.readTree(r.value()))
                .filter(n -> schedule.toString().equals(n.path("scheduleId").asText()))
                .findFirst();
    }
}
