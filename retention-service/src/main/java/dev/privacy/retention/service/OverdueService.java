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

    /** Expired, marked overdue and still not destroyed. */
    public static long countOverdue() {
        return RetentionSchedule.count("state = ?1 and overdueAt is not null", RetentionSchedule.State.EXPIRED);
    }

    public static List<RetentionSchedule> overdue(int limit) {
        return RetentionSchedule.<RetentionSchedule>find("state = ?1 and overdueAt is not null order by expiredAt",
                RetentionSchedule.State.EXPIRED).page(0, limit).list();
    }
}
