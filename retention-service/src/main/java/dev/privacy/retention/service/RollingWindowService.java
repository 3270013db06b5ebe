package dev.privacy.retention.service;

import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.retention.config.RetentionConfig;
import dev.privacy.retention.domain.LegalHold;
import dev.privacy.retention.domain.PolicyRule;
import dev.privacy.retention.domain.RetentionSchedule;
import dev.privacy.retention.domain.RollingWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Log categories (SERVICE_LOGS 3 months, P17; STAFF_ACCESS_RECORDS 2 years, P19) expire as a rolling
 * window rather than per member: every step (a day by default) the owner is told to destroy every
 * record of the category created before now minus the period. Each such expiry is a schedule with
 * no member and {@code createdBefore} set, so it is certified and checked for overdue like any other.
 */
@ApplicationScoped
public class RollingWindowService {

    @Inject
    EntityManager entityManager;

    @Inject
    Outbox outbox;

    @Inject
    RetentionConfig config;

    /** Announces the window's new end if it moved by a step or more; returns whether it did. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean advance(PolicyRule rule, Instant now) {
        if (LegalHold.holds(null, rule.category())) {
            return false;
        }
        // one replica at a time per category
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "rolling-window|" + rule.category()).getSingleResult();
        Instant createdBefore = rule.windowStart(now).truncatedTo(ChronoUnit.SECONDS);
        RollingWindow window = RollingWindow.findById(rule.category().name());
        if (window != null && !movedByAStep(window.lastCreatedBefore, createdBefore)) {
            return false;
        }
        RetentionSchedule s = new RetentionSchedule();
        s.id = UUID.randomUUID();
        s.category = rule.category();
        s.ownerService = rule.owner();
        s.legalBasis = rule.legalBasis();
        s.startsAt = createdBefore;
        s.expiresAt = now;
        s.createdBefore = createdBefore;
        s.state = RetentionSchedule.State.EXPIRED;
        s.expiredAt = now;
        s.createdAt = now;
        s.updatedAt = now;
        s.persist();
        if (window == null) {
            window = new RollingWindow();
            window.category = rule.category().name();
            window.lastCreatedBefore = createdBefore;
            window.scheduleId = s.id;
            window.persist();
        } else {
            window.lastCreatedBefore = createdBefore;
            window.scheduleId = s.id;
        }
        outbox.publish(Topics.retentionExpired(s.ownerService),
                new RetentionExpired(s.id, null, s.category, s.ownerService, createdBefore, now));
        return true;
    }

    /**
     * Forward by a step, or backward at all: the clock only goes back outside prod (a test or demo
     * resetting it), and announcing an earlier end then is harmless (nothing older is left).
     */
    private boolean movedByAStep(Instant last, Instant next) {
        Instant oneStepOn = last.atZone(ZoneOffset.UTC).plus(config.window().step()).toInstant();
        return !next.isBefore(oneStepOn) || next.isBefore(last);
    }
}
