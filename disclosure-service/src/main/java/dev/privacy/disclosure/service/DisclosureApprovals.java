package dev.privacy.disclosure.service;

import dev.privacy.disclosure.domain.DisclosureRequest;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.disclosure.DisclosureApproved;
import dev.privacy.platform.events.disclosure.DisclosureRejected;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.persistence.Timestamps;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Privacy-officer decisions (P10): one approval for a consented provision, two different officers
 * for a lawful request, never the requester; or a rejection.
 */
@ApplicationScoped
public class DisclosureApprovals {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    AccessRecorder access;

    @Inject
    CurrentActor actor;

    @Inject
    Clock clock;

    public record Approval(String officer, Instant approvedAt) {
    }

    @Transactional
    public DisclosureRequest approve(UUID id) {
        DisclosureRequest d = lock(id);
        String officer = actor.get().id();
        if (d.status != DisclosureRequest.Status.PENDING) {
            throw new ProblemException(409, "not-pending", "Not pending",
                    "Disclosure " + id + " is " + d.status + "; only a pending request can be approved");
        }
        if (officer.equals(d.requestedBy)) {
            throw new ProblemException(403, "requester-cannot-approve", "Requester cannot approve",
                    "The requester of a disclosure cannot approve it");
        }
        if (approvals(id).stream().anyMatch(a -> a.officer().equals(officer))) {
            throw new ProblemException(409, "already-approved", "Already approved",
                    "You already approved this disclosure; a lawful request needs a second, different officer");
        }
        Instant now = clock.instant();
        em.createNativeQuery("INSERT INTO disclosure_approval (disclosure_id, officer, approved_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, officer).setParameter(3, Timestamp.from(now)).executeUpdate();
        int count = approvals(id).size();
        if (count >= d.approvalsRequired()) {
            d.status = DisclosureRequest.Status.APPROVED;
            d.approvedAt = now;
            d.nextAttemptAt = now;
            outbox.publish(new DisclosureApproved(d.id, d.memberId, count, now));
        }
        d.updatedAt = now;
        access.record(d.memberId, AccessAction.UPDATE, List.of(), d.purpose, d.id.toString());
        return d;
    }

    @Transactional
    public DisclosureRequest reject(UUID id, String reason) {
        DisclosureRequest d = lock(id);
        if (d.status != DisclosureRequest.Status.PENDING && d.status != DisclosureRequest.Status.APPROVED) {
            throw new ProblemException(409, "not-open", "Not open",
                    "Disclosure " + id + " is " + d.status + "; it can no longer be rejected");
        }
        Instant now = clock.instant();
        d.status = DisclosureRequest.Status.REJECTED;
        d.rejectionReason = reason;
        d.rejectedBy = actor.get().id();
        d.updatedAt = now;
        outbox.publish(new DisclosureRejected(d.id, d.memberId, reason, now));
        access.record(d.memberId, AccessAction.UPDATE, List.of(), d.purpose, d.id.toString());
        return d;
    }

    public List<Approval> approvals(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT officer, approved_at FROM disclosure_approval WHERE disclosure_id = ?1 ORDER BY approved_at")
                .setParameter(1, id).getResultList();
        return rows.stream().map(r -> new Approval((String) r[0], Timestamps.toInstant(r[1]))).toList();
    }

    private DisclosureRequest lock(UUID id) {
        DisclosureRequest d = DisclosureRequest.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            throw ProblemException.notFound("No disclosure " + id);
        }
        return d;
    }
}
