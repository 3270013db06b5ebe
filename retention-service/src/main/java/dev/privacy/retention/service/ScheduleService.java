package dev.privacy.retention.service;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.member.ComplaintResolved;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.events.member.ServiceApplied;
import dev.privacy.platform.events.retention.RetentionScheduled;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.retention.domain.PolicyRule;
import dev.privacy.retention.domain.RetentionPolicy;
import dev.privacy.retention.domain.RetentionSchedule;
import dev.privacy.retention.domain.StartEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Starts and extends retention clocks from the events the policy file names in {@code startsOn}
 * (P07): one schedule per member and category. Idempotent beyond the inbox: a second event with
 * the same start changes nothing; a later start extends the running clock; an earlier one is
 * already covered. A period of P0D (P06) expires in the same transaction.
 */
@ApplicationScoped
public class ScheduleService {

    @Inject
    RetentionPolicy policy;

    @Inject
    ExpiryService expiry;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void onMemberWithdrawn(MemberWithdrawn event) {
        start(event.memberId(), StartEvent.MEMBER_WITHDRAWN, event.contractEndedAt(), null);
    }

    /** Only the categories the application created (payment and supply records, say). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onServiceApplied(ServiceApplied event) {
        start(event.memberId(), StartEvent.SERVICE_APPLIED, event.occurredAt(), Set.copyOf(event.categories()));
    }

    /** A complaint with no known member is its own subject, as member-service keys it (memberId = complaint ID). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onComplaintResolved(ComplaintResolved event) {
        UUID subject = event.memberId() != null ? event.memberId() : event.complaintId();
        start(subject, StartEvent.COMPLAINT_RESOLVED, event.occurredAt(), null);
    }

    private void start(UUID memberId, StartEvent startEvent, Instant startsAt, Set<DataCategory> only) {
        for (PolicyRule rule : policy.startedBy(startEvent)) {
            if (only == null || only.contains(rule.category())) {
                schedule(memberId, rule, startsAt);
            }
        }
    }

    private void schedule(UUID memberId, PolicyRule rule, Instant startsAt) {
        if (RetentionSchedule.startedAt(memberId, rule.category(), startsAt)) {
            return;
        }
        Instant expiresAt = rule.expiresAt(startsAt);
        Instant now = clock.instant();
        RetentionSchedule open = RetentionSchedule.open(memberId, rule.category());
        if (open != null) {
            if (expiresAt.isAfter(open.expiresAt)) {
                open.startsAt = startsAt;
                open.expiresAt = expiresAt;
                open.updatedAt = now;
                announce(open, now);
            }
            return;
        }
        RetentionSchedule schedule = new RetentionSchedule();
        schedule.id = UUID.randomUUID();
        schedule.memberId = memberId;
        schedule.category = rule.category();
        schedule.ownerService = rule.owner();
        schedule.legalBasis = rule.legalBasis();
        schedule.startsAt = startsAt;
        schedule.expiresAt = expiresAt;
        schedule.state = RetentionSchedule.State.SCHEDULED;
        schedule.createdAt = now;
        schedule.updatedAt = now;
        schedule.persist();
        announce(schedule, now);
        if (!expiresAt.isAfter(now)) {
            // no retention exception (P0D), or a start event that arrived late: destroy without delay
            expiry.expireUnlessHeld(schedule, now);
        }
    }

    private void announce(RetentionSchedule s, Instant now) {
        outbox.publish(new RetentionScheduled(s.id, s.memberId, s.category, s.legalBasis, s.startsAt, s.expiresAt, now));
    }
}
