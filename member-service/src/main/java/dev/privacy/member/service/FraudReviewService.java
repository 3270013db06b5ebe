package dev.privacy.member.service;

import dev.privacy.member.domain.Member;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.MemberStatus;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The staff side of the fraud-prevention check at sign-up (P07, P08): a sign-up whose login ID or
 * e-mail matches a separated (withdrawn) member is accepted and flagged, never silently refused;
 * privacy officers see the flagged sign-ups here and clear each one once reviewed. A sign-up found
 * abusive is handled like any member (withdrawal by a privacy officer), not by this queue.
 */
@ApplicationScoped
public class FraudReviewService {

    /** The field name an access record gives the review flag. */
    public static final String FLAG = "fraudReview";

    private static final Logger LOG = Logger.getLogger(FraudReviewService.class);

    @Inject
    AccessLog accessLog;

    @Inject
    Clock clock;

    /** A flagged sign-up: identifiers and dates only. */
    public record FlaggedSignUp(UUID memberId, MemberStatus status, Instant registeredAt) {
    }

    public record Cleared(UUID memberId, Instant clearedAt) {
    }

    /** Flagged sign-ups awaiting review, oldest first. */
    @Transactional
    public List<FlaggedSignUp> awaitingReview() {
        return Member.<Member>list("fraudReview = true order by createdAt").stream()
                .map(m -> new FlaggedSignUp(m.id, m.status, m.createdAt)).toList();
    }

    /** Clears a reviewed sign-up's flag; 404 when the member is not (or no longer) flagged. */
    @Transactional
    public Cleared clear(UUID memberId) {
        Member member = Member.findById(memberId);
        if (member == null || !member.fraudReview) {
            throw ProblemException.notFound("No sign-up of member " + memberId + " awaits a fraud review");
        }
        Instant now = clock.instant();
        member.fraudReview = false;
        member.updatedAt = now;
        accessLog.byCaller(member.id, AccessAction.UPDATE, List.of(FLAG), Purpose.FRAUD_PREVENTION);
        LOG.infof("Fraud review of member %s cleared", member.id);
        return new Cleared(member.id, now);
    }
}
