package dev.privacy.auditlog.service;

import dev.privacy.auditlog.domain.AuditCheckpoint;
import dev.privacy.auditlog.domain.AuditEntry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Periodically signs the chain head. A checkpoint someone has kept (from GET /v1/audit/checkpoints)
 * proves what the chain was at that sequence: a later truncation or rewrite no longer matches it.
 */
@ApplicationScoped
public class Checkpoints {

    @Inject
    EntityManager entityManager;

    @Inject
    CheckpointSigner signer;

    @Inject
    Clock clock;

    @Scheduled(every = "${audit.checkpoint.interval}", delayed = "${audit.checkpoint.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        signHead();
    }

    /** Signs the current head unless it is already signed; empty when the chain is empty. */
    @Transactional
    public Optional<AuditCheckpoint> signHead() {
        // The append lock: the head cannot move while it is read and signed, and replicas sign one at a time.
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('audit-chain'))").getSingleResult();
        AuditEntry head = AuditEntry.last();
        if (head == null) {
            return Optional.empty();
        }
        AuditCheckpoint existing = AuditCheckpoint.findById(head.sequence);
        if (existing != null) {
            return Optional.of(existing);
        }
        AuditCheckpoint checkpoint = new AuditCheckpoint();
        checkpoint.sequence = head.sequence;
        checkpoint.headHash = head.hash;
        checkpoint.signedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        checkpoint.keyId = signer.keyId();
        checkpoint.signature = signer.sign(CheckpointSigner.statement(checkpoint.sequence, checkpoint.headHash,
                checkpoint.signedAt));
        checkpoint.persist();
        return Optional.of(checkpoint);
    }

    public boolean signatureHolds(AuditCheckpoint checkpoint) {
        return signer.verify(CheckpointSigner.statement(checkpoint.sequence, checkpoint.headHash, checkpoint.signedAt),
                checkpoint.signature);
    }
}
