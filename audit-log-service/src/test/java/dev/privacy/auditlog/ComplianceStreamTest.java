package dev.privacy.auditlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.testing.PlatformInfrastructureResource;
import dev.privacy.platform.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compliance stream: every entry is an AuditEntryAppended CloudEvent on audit.compliance, and a
 * compliance tool re-verifies the chain from it with nothing but SHA-256, as the README describes.
 * The hashes below are computed here independently of the service's code.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "auditlog"))
class ComplianceStreamTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void P19_everyEntryIsPublishedWithItsSequenceAndHashesAndTheStreamReVerifies() throws Exception {
        UUID member = UUID.randomUUID();
        List<UUID> events = List.of(
                AuditTestSupport.send(AuditTestSupport.access(member, "staff-stream", ActorRole.COMPLIANCE,
                        List.of("name"), Purpose.COMPLAINT_HANDLING, Instant.now())),
                AuditTestSupport.send(AuditTestSupport.access(member, member.toString(), ActorRole.MEMBER,
                        List.of(), Purpose.CONTRACT_AND_BILLING, Instant.now())));
        List<Long> sequences = events.stream().map(AuditTestSupport::awaitSequence).toList();

        try (TopicProbe probe = AuditTestSupport.probe(Topics.AUDIT_COMPLIANCE)) {
            List<ConsumerRecord<String, byte[]>> records = probe.pollUntil(rs -> appended(rs).keySet().containsAll(
                    events.stream().map(UUID::toString).toList()), Duration.ofSeconds(30));
            Map<String, JsonNode> bySource = appended(records);
            Map<Long, JsonNode> bySequence = records.stream().map(r -> EventJson.readTree(r.value()))
                    .collect(Collectors.toMap(n -> n.get("sequence").asLong(), n -> n, (a, b) -> a));

            for (int i = 0; i < events.size(); i++) {
                JsonNode appended = bySource.get(events.get(i).toString());
                assertThat(appended.get("sequence").asLong()).isEqualTo(sequences.get(i));
                // Link: hash = SHA-256(0x01 || previousHash || leafHash), from the event alone.
                assertThat(appended.get("hash").asText()).isEqualTo(sha256((byte) 1,
                        concat(HEX.parseHex(appended.get("previousHash").asText()),
                                HEX.parseHex(appended.get("leafHash").asText()))));
                // Chain: the previous hash is the hash the stream announced for the sequence before.
                JsonNode before = bySequence.get(sequences.get(i) - 1);
                if (before != null) {
                    assertThat(appended.get("previousHash").asText()).isEqualTo(before.get("hash").asText());
                }
                // Leaf: SHA-256(0x00 || leaf data) of the exported entry.
                String line = given().auth().oauth2(AuditTestSupport.compliance()).accept("application/x-ndjson")
                        .queryParam("sourceEventId", events.get(i)).when().get("/v1/audit/entries")
                        .then().statusCode(200).extract().asString().strip();
                assertThat(leafHash(EventJson.readTree(line.getBytes(StandardCharsets.UTF_8))))
                        .isEqualTo(appended.get("leafHash").asText());
            }
        }
    }

    private static Map<String, JsonNode> appended(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> "AuditEntryAppended.v1".equals(TopicProbe.cloudEvent(r).getType()))
                .map(r -> EventJson.readTree(r.value()))
                .collect(Collectors.toMap(n -> n.get("sourceEventId").asText(), n -> n, (a, b) -> a));
    }

    /** The README's leaf data: each field as a 4-byte big-endian length and UTF-8 bytes; null is length -1. */
    static String leafHash(JsonNode e) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, "audit-entry/v2");
        field(out, e.get("sequence").asText());
        field(out, text(e, "entryId"));
        field(out, micros(text(e, "recordedAt")));
        field(out, micros(text(e, "occurredAt")));
        field(out, text(e, "sourceTopic"));
        field(out, text(e, "sourceService"));
        field(out, text(e, "sourceType"));
        field(out, text(e, "sourceEventId"));
        field(out, text(e, "category"));
        field(out, text(e, "actorId"));
        field(out, text(e, "actorRole"));
        field(out, text(e, "action"));
        field(out, text(e, "memberId"));
        List<String> fields = e.get("fields").isEmpty() ? null
                : java.util.stream.StreamSupport.stream(e.get("fields").spliterator(), false).map(JsonNode::asText).toList();
        field(out, fields == null ? null : String.join(",", fields));
        field(out, text(e, "purpose"));
        field(out, text(e, "dataHash"));
        return sha256((byte) 0, out.toByteArray());
    }

    private static String text(JsonNode e, String name) {
        JsonNode n = e.get(name);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String micros(String instant) {
        return instant == null ? null : Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant)));
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String sha256(byte prefix, byte[] data) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(prefix);
        return HEX.formatHex(digest.digest(data));
    }
}
