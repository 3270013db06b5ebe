package dev.privacy.auditlog.service;

import dev.privacy.auditlog.domain.AuditEntry;
import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AuditEntryAppended;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Appends every event and access record to the hash chain, and announces each entry on
 * {@code audit.compliance} for compliance staff, in the same transaction.
 */
@ApplicationScoped
public class AuditChain {

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry append(IncomingEvent event) {
        // One appender at a time across consumer threads and replicas: the chain is a single sequence.
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('audit-chain'))").getSingleResult();
        AuditEntry previous = AuditEntry.last();
        AuditEntry entry = new AuditEntry();
        entry.sequence = previous == null ? 0 : previous.sequence + 1;
        entry.entryId = UUID.randomUUID();
        entry.sourceTopic = event.topic();
        entry.sourceEventId = event.id();
        entry.sourceType = event.type();
        entry.sourceService = event.source();
        entry.memberId = memberIdOf(event).orElse(null);
        // PostgreSQL keeps microseconds: hash exactly what will be read back.
        entry.occurredAt = event.time() == null ? null : event.time().truncatedTo(ChronoUnit.MICROS);
        entry.recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        entry.dataHash = ChainHash.sha256(event.data());
        entry.previousHash = previous == null ? ChainHash.GENESIS : previous.hash;
        entry.hash = ChainHash.of(entry);
        entry.persist();
        outbox.publish(Topics.AUDIT_COMPLIANCE, new AuditEntryAppended(entry.entryId, entry.sequence, entry.sourceTopic,
                entry.sourceEventId.toString(), entry.sourceType, entry.memberId, entry.hash, entry.previousHash,
                entry.recordedAt));
        return entry;
    }

    /** Recomputes every hash in order; the first entry whose stored hash or link does not match breaks the chain. */
    @Transactional
    public Verification verify() {
        String expectedPrevious = null;
        long checked = 0;
        Long firstSequence = null;
        List<AuditEntry> batch;
        long from = Long.MIN_VALUE;
        do {
            batch = AuditEntry.find("sequence > ?1 order by sequence", from).page(0, 1000).list();
            for (AuditEntry entry : batch) {
                if (firstSequence == null) {
                    firstSequence = entry.sequence;
                }
                boolean linked = expectedPrevious == null || expectedPrevious.equals(entry.previousHash);
                if (!linked || !ChainHash.of(entry).equals(entry.hash)) {
                    return new Verification(false, checked, firstSequence, entry.sequence, clock.instant());
                }
                expectedPrevious = entry.hash;
                checked++;
                from = entry.sequence;
            }
            entityManager.clear();
        } while (!batch.isEmpty());
        return new Verification(true, checked, firstSequence, null, clock.instant());
    }

    private static Optional<UUID> memberIdOf(IncomingEvent event) {
        var node = EventJson.readTree(event.data()).get("memberId");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(node.asText()));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    /** The result of walking the chain: whether it holds, how many entries were checked, and where it broke. */
    public record Verification(boolean intact, long entriesChecked, Long firstSequence, Long brokenAtSequence,
                               Instant verifiedAt) {
    }
}
