package dev.privacy.retention.service;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.persistence.Timestamps;
import dev.privacy.retention.domain.LegalHold;
import dev.privacy.retention.domain.RetentionSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Ends retention clocks: marks a due schedule EXPIRED and tells its owner to destroy the data
 * (RetentionExpired through the outbox, same transaction). A schedule under an active legal hold
 * never expires here.
 */
@ApplicationScoped
public class ExpiryService {

    /**
     * Due and not held, marked EXPIRED in one set-based statement that returns what its RetentionExpired
     * needs; rows another replica (or a consumer) has locked are skipped, not waited for, so several
     * sweepers share the work without taking a schedule twice. (Loading each row as an entity and
     * updating it one by one cost a round trip per row.)
     */
    private static final String EXPIRE_DUE = """
            UPDATE retention_schedule u SET state = 'EXPIRED', expired_at = :now, updated_at = :now
            FROM (SELECT s.id FROM retention_schedule s
                  WHERE s.state = 'SCHEDULED' AND s.expires_at <= :now %s
                    AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL
                                    AND (h.member_id IS NULL OR h.member_id = s.member_id)
                                    AND (h.category IS NULL OR h.category = s.category))
                  ORDER BY s.expires_at
                  LIMIT :limit
                  FOR UPDATE OF s SKIP LOCKED) due
            WHERE u.id = due.id
            RETURNING u.id, u.member_id, u.category, u.owner_service, u.created_before, u.expires_at""";

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    /**
     * Expires up to {@code limit} due schedules, optionally only those of a hold's scope; returns how
     * many. Set-based: callers hold no loaded schedule entities in this transaction (the sweeper and a
     * hold's release do not), which would otherwise miss the change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int expireDue(Instant now, int limit, UUID memberScope, DataCategory categoryScope) {
        String scope = (memberScope == null ? "" : " AND s.member_id = :member")
                + (categoryScope == null ? "" : " AND s.category = :category");
        var query = entityManager.createNativeQuery(EXPIRE_DUE.formatted(scope))
                .setParameter("now", Timestamp.from(now))
                .setParameter("limit", limit);
        if (memberScope != null) {
            query.setParameter("member", memberScope);
        }
        if (categoryScope != null) {
            query.setParameter("category", categoryScope.name());
        }
        List<Object[]> expired = new java.util.ArrayList<>(((List<?>) query.getResultList()).stream()
                .map(Object[].class::cast).toList());
        // RetentionExpired in due order, as before (RETURNING gives no order)
        expired.sort(java.util.Comparator.comparing(row -> Timestamps.toInstant(row[5])));
        // one multi-row outbox insert per owner topic for the batch, not one per schedule
        Map<String, List<RetentionExpired>> byOwnerTopic = expired.stream()
                .map(row -> new RetentionExpired(uuid(row[0]), row[1] == null ? null : uuid(row[1]),
                        DataCategory.valueOf(row[2].toString()), row[3].toString(),
                        row[4] == null ? null : Timestamps.toInstant(row[4]), now))
                .collect(Collectors.groupingBy(e -> Topics.retentionExpired(e.ownerService()), TreeMap::new,
                        Collectors.toList()));
        byOwnerTopic.forEach(outbox::publishAll);
        return expired.size();
    }

    /** Expires one schedule now unless a legal hold covers it; true if it expired. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean expireUnlessHeld(RetentionSchedule schedule, Instant now) {
        if (LegalHold.holds(schedule.memberId, schedule.category)) {
            return false;
        }
        expire(schedule, now);
        return true;
    }

    private void expire(RetentionSchedule schedule, Instant now) {
        schedule.state = RetentionSchedule.State.EXPIRED;
        schedule.expiredAt = now;
        schedule.updatedAt = now;
        outbox.publish(Topics.retentionExpired(schedule.ownerService), new RetentionExpired(schedule.id,
                schedule.memberId, schedule.category, schedule.ownerService, schedule.createdBefore, now));
    }

    static UUID uuid(Object value) {
        return value instanceof UUID id ? id : UUID.fromString(value.toString());
    }
}
