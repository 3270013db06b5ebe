package dev.privacy.retention.service;

import dev.privacy.platform.events.retention.DestructionOverdue;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.retention.config.RetentionConfig;
import dev.privacy.retention.domain.RetentionSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An owner that has not answered RetentionExpired with DataDestroyed within
 * {@code retention.destruction.answer-within} is overdue: marked once, announced once
 * (DestructionOverdue), listed and counted until its DataDestroyed arrives.
 */
@ApplicationScoped
public class OverdueService {

    private static final String NEWLY_OVERDUE = """
            SELECT s.id FROM retention_schedule s
            WHERE s.state = 'EXPIRED' AND s.overdue_at IS NULL AND s.expired_at <= ?1
            ORDER BY s.expired_at
            LIMIT ?2
            FOR UPDATE OF s SKIP LOCKED""";

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    RetentionConfig config;

    @Transactional(Transactional.TxType.MANDATORY)
    public int markOverdue(Instant now, int limit) {
        Instant deadline = now.minus(config.destruction().answerWithin());
        List<UUID> ids = ((List<?>) entityManager.createNativeQuery(NEWLY_OVERDUE)
                .setParameter(1, Timestamp.from(deadline))
                .setParameter(2, limit)
                .getResultList()).stream().map(ExpiryService::uuid).toList();
        if (ids.isEmpty()) {
            return 0;
        }
        List<RetentionSchedule> overdue = RetentionSchedule.list("id in ?1", ids);
        for (RetentionSchedule s : overdue) {
            s.overdueAt = now;
            s.updatedAt = now;
            outbox.publish(new DestructionOverdue(s.id, s.memberId, s.category, s.ownerService, s.expiredAt, now));
        }
        return overdue.size();
    }

    /**
     * Expired, marked overdue and still not destroyed. Native with the state written out, so
     * PostgreSQL answers from the partial index of overdue schedules (V3) in a generic plan too: as a
     * bound parameter, it scanned every schedule awaiting an answer, 0.7 s each sweep during a
     * million-schedule wave (issue 8, run 15).
     */
    public static long countOverdue() {
        return count("SELECT count(*) FROM retention_schedule WHERE state = 'EXPIRED' AND overdue_at IS NOT NULL");
    }

    /** Schedules expired and not yet answered, from the partial index of those awaiting destruction. */
    public static long countAwaiting() {
        return count("SELECT count(*) FROM retention_schedule WHERE state = 'EXPIRED'");
    }

    private static long count(String sql) {
        return ((Number) RetentionSchedule.getEntityManager().createNativeQuery(sql).getSingleResult()).longValue();
    }

    public static List<RetentionSchedule> overdue(int limit) {
        return RetentionSchedule.<RetentionSchedule>find("state = ?1 and overdueAt is not null order by expiredAt",
                RetentionSchedule.State.EXPIRED).page(0, limit).list();
    }
}
