package dev.privacy.auditlog.service;

import dev.privacy.auditlog.domain.AuditEntry;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The chain's hashes, domain-separated as in RFC 6962 so a leaf can never be passed off as a link:
 * <pre>
 *   leafHash = SHA-256(0x00 || leafData)
 *   hash     = SHA-256(0x01 || previousHash || leafHash)      (raw 32-byte values; the first entry's previous is 32 zero bytes)
 * </pre>
 * leafData is the concatenation, in the order of {@link #leafData}, of each field as a 4-byte
 * big-endian length followed by its UTF-8 bytes; a null field is the length 0xFFFFFFFF with no
 * bytes. Times are microseconds since the epoch in decimal. The README documents the same.
 */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);
    static final String LEAF_VERSION = "audit-entry/v2";
    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {
    }

    public static String leaf(AuditEntry e) {
        return sha256((byte) 0x00, leafData(e));
    }

    public static String link(String previousHash, String leafHash) {
        byte[] both = new byte[64];
        System.arraycopy(HEX.parseHex(previousHash), 0, both, 0, 32);
        System.arraycopy(HEX.parseHex(leafHash), 0, both, 32, 32);
        return sha256((byte) 0x01, both);
    }

    static byte[] leafData(AuditEntry e) {
        var out = new ByteArrayOutputStream(512);
        field(out, LEAF_VERSION);
        field(out, Long.toString(e.sequence));
        field(out, e.entryId.toString());
        field(out, micros(e.recordedAt));
        field(out, micros(e.occurredAt));
        field(out, e.sourceTopic);
        field(out, e.sourceService);
        field(out, e.sourceType);
        field(out, e.sourceEventId.toString());
        field(out, e.category);
        field(out, e.actorId);
        field(out, e.actorRole);
        field(out, e.action);
        field(out, e.memberId == null ? null : e.memberId.toString());
        field(out, e.fields);
        field(out, e.purpose);
        field(out, e.dataHash);
        return out.toByteArray();
    }

    /** The hash of an entry written before chain v2 (no leaf hash): SHA-256 over its fields joined by U+001F. */
    public static String legacy(AuditEntry e) {
        String canonical = String.join("\u001f",
                e.previousHash,
                Long.toString(e.sequence),
                e.entryId.toString(),
                e.sourceTopic,
                e.sourceEventId.toString(),
                e.sourceType,
                e.sourceService,
                e.memberId == null ? "" : e.memberId.toString(),
                e.occurredAt == null ? "" : e.occurredAt.toString(),
                e.dataHash);
        return sha256(canonical.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        return HEX.formatHex(digest().digest(bytes));
    }

    private static String sha256(byte prefix, byte[] bytes) {
        MessageDigest digest = digest();
        digest.update(prefix);
        return HEX.formatHex(digest.digest(bytes));
    }

    private static String micros(Instant t) {
        return t == null ? null : Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, t));
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
