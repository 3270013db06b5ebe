package dev.privacy.disclosure.service;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
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

    private long delete(String sql, UUID member) {
        return em.createNativeQuery(sql).setParameter(1, member).executeUpdate();
    }
}
