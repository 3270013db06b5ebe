package dev.privacy.disclosure.service;

import dev.privacy.platform.runtime.persistence.SubjectStatements;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The disclosure records of a member (ledger, requests with their approvals, correction notices with
 * their attempts) are category DISCLOSURE_RECORDS; they are destroyed when the retention-service says
 * so, and the destruction is answered with DataDestroyed (P07). They hold IDs, field names and
 * hashes, never a value, so deleting the rows destroys them.
 */
@ApplicationScoped
public class LedgerRetention {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    PlatformConfig platform;

    @Transactional(Transactional.TxType.MANDATORY)
    public void onRetentionExpired(RetentionExpired e) {
        if (e.category() != DataCategory.DISCLOSURE_RECORDS || !Services.DISCLOSURE.equals(e.ownerService())) {
            return;
        }
        UUID member = e.memberId();
        long count = delete("DELETE FROM correction_notice WHERE member_id = ?1", member)
                + delete("DELETE FROM disclosure_ledger WHERE member_id = ?1", member)
                + delete("DELETE FROM disclosure_request WHERE member_id = ?1", member);
        outbox.publish(new DataDestroyed(UUID.randomUUID(), member, DataCategory.DISCLOSURE_RECORDS,
                DestructionMethod.DELETE, count, e.scheduleId(), Services.DISCLOSURE, null, clock.instant()));
    }

    /**
     * The set-based form of {@link #onRetentionExpired} for a batch (BatchHandler): each table's rows
     * of all the batch's members in one statement, one DataDestroyed statement, with the same counts
     * as handling the events in turn: the first event of a member destroys, a repeat in the batch
     * finds nothing and reports 0.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onRetentionExpiredAll(List<IncomingEvent> events) {
        List<RetentionExpired> mine = events.stream().map(e -> e.as(RetentionExpired.class))
                .filter(e -> e.category() == DataCategory.DISCLOSURE_RECORDS && Services.DISCLOSURE.equals(e.ownerService()))
                .toList();
        if (mine.isEmpty()) {
            return;
        }
        em.flush(); // the statements below are plain JDBC
        Set<UUID> members = new HashSet<>();
        mine.forEach(e -> members.add(e.memberId()));
        Map<UUID, Long> counts = new HashMap<>();
        for (String table : List.of("correction_notice", "disclosure_ledger", "disclosure_request")) {
            SubjectStatements.addTo(counts, SubjectStatements.countPerSubject(em,
                    "DELETE FROM " + table + " WHERE member_id = ANY(?) RETURNING member_id", members));
        }
        Instant now = clock.instant();
        Set<UUID> done = new HashSet<>();
        List<DataDestroyed> answers = new ArrayList<>(mine.size());
        for (RetentionExpired e : mine) {
            long count = done.add(e.memberId()) ? counts.getOrDefault(e.memberId(), 0L) : 0;
            answers.add(new DataDestroyed(UUID.randomUUID(), e.memberId(), DataCategory.DISCLOSURE_RECORDS,
                    DestructionMethod.DELETE, count, e.scheduleId(), Services.DISCLOSURE, null, now));
        }
        outbox.publishAll(platform.eventsTopic(), answers); // the topic publish(event) writes to
    }

    private long delete(String sql, UUID member) {
        return em.createNativeQuery(sql).setParameter(1, member).executeUpdate();
    }
}
