package dev.privacy.platform.events.audit;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * The audit-log-service appended an entry to the hash-chained audit log (P19).
 *
 * <p>Topic: {@code audit.compliance}. Subject (Kafka key): the first non-null of memberId,
 * entryId.
 *
 * @param entryId The log entry.
 * @param sequence Position in the chain (0 for the first entry).
 * @param sourceTopic Topic the logged event came from.
 * @param sourceEventId CloudEvents id of the logged event.
 * @param sourceType CloudEvents type of the logged event, e.g. MemberWithdrawn.v1.
 * @param memberId The member the logged event is about; null if none.
 * @param hash Hex SHA-256 (or longer) of this entry, chained to the previous one.
 * @param previousHash Hash of the previous entry; all zeros for the first.
 * @param leafHash Hex SHA-256(0x00 || leaf data) of this entry (RFC 6962 domain separation), so a
 *        consumer can check hash = SHA-256(0x01 || previousHash || leafHash); null for entries
 *        chained before leaf hashes existed.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "AuditEntryAppended")
public record AuditEntryAppended(
        UUID entryId,
        long sequence,
        String sourceTopic,
        String sourceEventId,
        String sourceType,
        @Nullable UUID memberId,
        String hash,
        String previousHash,
        @Nullable String leafHash,
        Instant occurredAt) implements DomainEvent {

    public AuditEntryAppended {
        Checks.required(entryId, "entryId");
        Checks.notNegative(sequence, "sequence");
        Checks.required(sourceTopic, "sourceTopic");
        Checks.required(sourceEventId, "sourceEventId");
        Checks.required(sourceType, "sourceType");
        Checks.required(hash, "hash");
        Checks.required(previousHash, "previousHash");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return Checks.firstId(memberId, entryId);
    }
}
