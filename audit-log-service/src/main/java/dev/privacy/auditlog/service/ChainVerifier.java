package dev.privacy.auditlog.service;

import dev.privacy.auditlog.domain.AuditCheckpoint;
import dev.privacy.auditlog.domain.AuditEntry;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/**
 * Walks a range of the chain and names the first entry that does not hold: a missing sequence
 * (deleted), a link to the wrong previous hash (inserted or reordered), content that no longer
 * matches its leaf hash (edited), a hash that is not SHA-256(0x01 || previous || leaf), or an entry
 * that no longer matches a signed checkpoint (rewritten or truncated). A purged entry has no
 * content left to check; its link still is, so the chain verifies over a purged span (P17).
 */
@ApplicationScoped
public class ChainVerifier {

    private static final int BATCH = 1000;

    @Inject
    EntityManager entityManager;

    @Inject
    Checkpoints checkpoints;

    @Inject
    Clock clock;

    /** Verifies entries {@code from}..{@code to} inclusive; null means the first / the last entry. */
    @Transactional
    public Verification verify(Long from, Long to) {
        long start = from == null ? 0 : from;
        if (start < 0 || (to != null && to < start)) {
            throw ProblemException.badRequest("from must be 0 or more and not after to",
                    new Problem.Violation(start < 0 ? "from" : "to", "must satisfy 0 <= from <= to"));
        }
        entityManager.clear();
        AuditEntry head = AuditEntry.last();
        // Entries up to the last checkpoint in range must exist: fewer means the chain was cut off.
        AuditCheckpoint lastSigned = AuditCheckpoint.<AuditCheckpoint>find(
                "sequence >= ?1 and sequence <= ?2 order by sequence desc", start, to == null ? Long.MAX_VALUE : to)
                .firstResult();
        long lastRequired = lastSigned == null ? -1 : lastSigned.sequence;
        long end = to != null ? to : Math.max(head == null ? -1 : head.sequence, lastRequired);
        Iterator<AuditCheckpoint> signed = AuditCheckpoint.<AuditCheckpoint>find(
                "sequence >= ?1 and sequence <= ?2 order by sequence", start, end).list().iterator();
        AuditCheckpoint nextCheckpoint = signed.hasNext() ? signed.next() : null;

        String previousHash = previousHashBefore(start);
        long expected = start;
        long checked = 0;
        long purged = 0;
        long checkpointsChecked = 0;
        while (expected <= end) {
            List<AuditEntry> batch = AuditEntry.<AuditEntry>find("sequence >= ?1 and sequence <= ?2 order by sequence",
                    expected, end).page(0, BATCH).list();
            if (batch.isEmpty()) {
                if (expected > lastRequired) {
                    break;
                }
                return broken(start, end, checked, purged, checkpointsChecked, expected,
                        "entry " + expected + " is missing: the chain was truncated");
            }
            for (AuditEntry entry : batch) {
                if (entry.sequence != expected) {
                    return broken(start, end, checked, purged, checkpointsChecked, expected,
                            "entry " + expected + " is missing");
                }
                String fault = faultOf(entry, previousHash);
                if (fault != null) {
                    return broken(start, end, checked, purged, checkpointsChecked, entry.sequence, fault);
                }
                while (nextCheckpoint != null && nextCheckpoint.sequence == entry.sequence) {
                    if (!checkpoints.signatureHolds(nextCheckpoint)) {
                        return broken(start, end, checked, purged, checkpointsChecked, entry.sequence,
                                "the checkpoint at " + entry.sequence + " does not carry a valid signature");
                    }
                    if (!nextCheckpoint.headHash.equals(entry.hash)) {
                        return broken(start, end, checked, purged, checkpointsChecked, entry.sequence,
                                "entry " + entry.sequence + " no longer has the hash its signed checkpoint holds");
                    }
                    checkpointsChecked++;
                    nextCheckpoint = signed.hasNext() ? signed.next() : null;
                }
                if (entry.purged()) {
                    purged++;
                }
                previousHash = entry.hash;
                checked++;
                expected++;
            }
            entityManager.clear();
        }
        return new Verification(true, start, checked == 0 ? null : expected - 1, checked, purged, checkpointsChecked,
                null, null, clock.instant());
    }

    /** Null if the entry holds, else why not. */
    static String faultOf(AuditEntry entry, String previousHash) {
        if (previousHash != null && !previousHash.equals(entry.previousHash)) {
            return "entry " + entry.sequence + " does not link to the entry before it";
        }
        if (entry.leafHash == null) {
            return entry.hash.equals(ChainHash.legacy(entry)) ? null
                    : "entry " + entry.sequence + " does not match its hash";
        }
        if (!entry.purged() && !entry.leafHash.equals(ChainHash.leaf(entry))) {
            return "entry " + entry.sequence + " no longer matches its leaf hash: its content was changed";
        }
        if (!entry.hash.equals(ChainHash.link(entry.previousHash, entry.leafHash))) {
            return "entry " + entry.sequence + " does not match its hash";
        }
        return null;
    }

    /** The hash entry {@code start} must link to: the genesis for 0, else the stored hash of the entry before. */
    private String previousHashBefore(long start) {
        if (start == 0) {
            return ChainHash.GENESIS;
        }
        AuditEntry before = AuditEntry.findById(start - 1);
        // With the entry before gone, the range check starts from the link the first entry claims.
        return before == null ? null : before.hash;
    }

    private Verification broken(long from, long to, long checked, long purged, long checkpointsChecked, long at,
                                String reason) {
        return new Verification(false, from, to, checked, purged, checkpointsChecked, at, reason, clock.instant());
    }

    /**
     * The result of walking a range: whether it holds, how much was checked, and where and why it
     * broke. {@code to} is the last entry checked when intact.
     */
    public record Verification(boolean intact, long from, Long to, long entriesChecked, long purgedEntries,
                               long checkpointsChecked, Long brokenAtSequence, String reason, Instant verifiedAt) {
    }
}
