package dev.privacy.auditlog.service;

import dev.privacy.auditlog.domain.AuditEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over the previous hash and an entry's fields, in a fixed, unambiguous order. */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(AuditEntry e) {
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
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
