package dev.privacy.auditlog.service;

import dev.privacy.auditlog.domain.AuditEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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
        // One growing array and the lengths written in place: this runs for every entry appended and
        // verified (a ByteArrayOutputStream with a ByteBuffer per length was a visible part of the
        // batch inbox's CPU, BENCHMARKS.md issue 10). The bytes are the same.
        var out = new LeafData();
        out.field(LEAF_VERSION);
        out.field(Long.toString(e.sequence));
        out.field(e.entryId.toString());
        out.field(micros(e.recordedAt));
        out.field(micros(e.occurredAt));
        out.field(e.sourceTopic);
        out.field(e.sourceService);
        out.field(e.sourceType);
        out.field(e.sourceEventId.toString());
        out.field(e.category);
        out.field(e.actorId);
        out.field(e.actorRole);
        out.field(e.action);
        out.field(e.memberId == null ? null : e.memberId.toString());
        out.field(e.fields);
        out.field(e.purpose);
        out.field(e.dataHash);
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

    /** {@link #leafData}'s encoding: per field a 4-byte big-endian length (0xFFFFFFFF for null), then the UTF-8 bytes. */
    private static final class LeafData {
        private byte[] bytes = new byte[512];
        private int size;

        void field(String value) {
            if (value == null) {
                length(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            length(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        private void length(int n) {
            ensure(4);
            bytes[size] = (byte) (n >>> 24);
            bytes[size + 1] = (byte) (n >>> 16);
            bytes[size + 2] = (byte) (n >>> 8);
            bytes[size + 3] = (byte) n;
            size += 4;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /**
     * A reset digest of this thread: {@code MessageDigest.getInstance} looks the provider up on every
     * call, three times per appended entry (data, leaf, link). A digest is reset by {@code digest()}.
     */
    private static MessageDigest digest() {
        MessageDigest digest = DIGESTS.get();
        digest.reset();
        return digest;
    }

    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
