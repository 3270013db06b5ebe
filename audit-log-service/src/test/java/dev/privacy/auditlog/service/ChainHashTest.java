package dev.privacy.auditlog.service;

import dev.privacy.auditlog.domain.AuditEntry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leaf encoding is the chain's format (README, ChainHash's javadoc): entries already written are
 * verified against it, so the encoder must give exactly the bytes the documented format gives.
 */
class ChainHashTest {

    @Test
    void leafDataIsTheDocumentedEncoding() throws Exception {
        AuditEntry full = entry();
        AuditEntry sparse = entry();
        sparse.memberId = null;
        sparse.fields = null;
        sparse.actorRole = null;
        sparse.occurredAt = null;
        AuditEntry wide = entry();
        wide.fields = "ä,".repeat(400) + "名前"; // non-ASCII and longer than the encoder's first buffer

        for (AuditEntry e : new AuditEntry[]{full, sparse, wide}) {
            byte[] documented = documented(e);
            assertThat(ChainHash.leafData(e)).isEqualTo(documented);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) 0x00);
            assertThat(ChainHash.leaf(e)).isEqualTo(HexFormat.of().formatHex(sha.digest(documented)));
        }
    }

    @Test
    void hashesAreIndependentOfEarlierCallsOnTheThread() throws Exception {
        byte[] data = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        ChainHash.leaf(entry());
        assertThat(ChainHash.sha256(data)).isEqualTo(expected);
        assertThat(ChainHash.sha256(data)).isEqualTo(expected);
        String leaf = ChainHash.leaf(entry());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0x01);
        sha.update(HexFormat.of().parseHex(ChainHash.GENESIS));
        sha.update(HexFormat.of().parseHex(leaf));
        assertThat(ChainHash.link(ChainHash.GENESIS, leaf)).isEqualTo(HexFormat.of().formatHex(sha.digest()));
    }

    private static AuditEntry entry() {
        AuditEntry e = new AuditEntry();
        e.sequence = 41;
        e.entryId = UUID.fromString("7b0f2a52-3f3c-4d0e-9a57-0c4c2f1f9a11");
        e.recordedAt = Instant.parse("2026-12-03T10:15:30.123456Z");
        e.occurredAt = Instant.parse("2026-12-03T10:15:29.000001Z").truncatedTo(ChronoUnit.MICROS);
        e.sourceTopic = "access.records";
        e.sourceService = "member-service";
        e.sourceType = "dev.privacy.audit.AccessRecorded.v1";
        e.sourceEventId = UUID.fromString("0e5d3c4a-1b2c-4d5e-8f90-a1b2c3d4e5f6");
        e.category = "STAFF_ACCESS_RECORDS";
        e.actorId = "staff-7";
        e.actorRole = "PRIVACY_OFFICER";
        e.action = "READ";
        e.memberId = UUID.fromString("c3d4e5f6-0e5d-4c4a-9b2c-1d5e8f90a1b2");
        e.fields = "name,email";
        e.purpose = "COMPLAINT_HANDLING";
        e.dataHash = "ab".repeat(32);
        return e;
    }

    /** The format as documented, written the plain way. */
    private static byte[] documented(AuditEntry e) {
        var out = new ByteArrayOutputStream();
        for (String value : new String[]{"audit-entry/v2", Long.toString(e.sequence), e.entryId.toString(),
                micros(e.recordedAt), micros(e.occurredAt), e.sourceTopic, e.sourceService, e.sourceType,
                e.sourceEventId.toString(), e.category, e.actorId, e.actorRole, e.action,
                e.memberId == null ? null : e.memberId.toString(), e.fields, e.purpose, e.dataHash}) {
            if (value == null) {
                out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
                out.writeBytes(bytes);
            }
        }
        return out.toByteArray();
    }

    private static String micros(Instant t) {
        return t == null ? null : Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, t));
    }
}
