package dev.privacy.member.service;

import dev.privacy.member.config.MemberConfig;
import dev.privacy.member.domain.CorrectionRequest;
import dev.privacy.member.domain.DeskCase;
import dev.privacy.member.domain.Member;
import dev.privacy.member.service.crypto.DataKeys;
import dev.privacy.platform.runtime.crypto.MemberCipher;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Channel;
import dev.privacy.platform.events.ComplaintKind;
import dev.privacy.platform.events.ComplaintOutcome;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.member.ComplaintReceived;
import dev.privacy.platform.events.member.ComplaintResolved;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The privacy desk (P12, P20): complaints and data-subject requests received by web (members
 * themselves) or in writing, by phone or e-mail (recorded by a privacy officer). Each case gets a
 * deadline from the service clock, a status and a resolution; ComplaintReceived and
 * ComplaintResolved carry IDs, kind, channel, outcome and dates, never the texts.
 */
@ApplicationScoped
public class PrivacyDeskService {

    public static final String DESCRIPTION = "case.description";
    public static final String RESOLUTION_NOTE = "case.resolutionNote";

    /** The channels a privacy officer records; WEB is the member's own. */
    public static final Set<Channel> STAFF_CHANNELS = EnumSet.of(Channel.WRITTEN, Channel.PHONE, Channel.EMAIL);

    @Inject
    DataKeys dataKeys;

    @Inject
    Outbox outbox;

    @Inject
    AccessLog accessLog;

    @Inject
    CurrentActor currentActor;

    @Inject
    MemberLookup members;

    @Inject
    MemberConfig config;

    @Inject
    Clock clock;

    /** A case as shown: texts only where the caller may read them (null in lists). */
    public record CaseView(UUID caseId, UUID memberId, ComplaintKind kind, Channel channel, DeskCase.Status status,
                           boolean overdue, Instant receivedAt, Instant dueAt, Instant resolvedAt,
                           ComplaintOutcome outcome, UUID correctionId, String recordedByRole, String description,
                           String resolutionNote) {
        @Override
        public String toString() {
            return "CaseView[" + caseId + "]";
        }
    }

    /** What a new case answers (and what an Idempotency-Key replays): IDs and dates only. */
    public record Received(UUID caseId, UUID memberId, ComplaintKind kind, Channel channel, DeskCase.Status status,
                           Instant receivedAt, Instant dueAt) {
    }

    /** A case received through the API: by a member for themself (WEB), or recorded by a privacy officer. */
    @Transactional
    public Received receive(ComplaintKind kind, Channel channel, UUID memberId, String description) {
        CurrentActor.Actor actor = currentActor.get();
        if (actor.role() == ActorRole.MEMBER) {
            UUID self = UUID.fromString(actor.id());
            if (memberId != null && !memberId.equals(self)) {
                throw ProblemException.notFound("No member " + memberId + " is visible to you");
            }
            if (channel != null && channel != Channel.WEB) {
                throw ProblemException.badRequest("Members file cases on the web",
                        new Problem.Violation("channel", "must be WEB or absent for a member"));
            }
            members.visible(self);
            memberId = self;
            channel = Channel.WEB;
        } else {
            if (channel == null || !STAFF_CHANNELS.contains(channel)) {
                throw ProblemException.badRequest("Staff record cases received in writing, by phone or by e-mail",
                        new Problem.Violation("channel", "is required; one of WRITTEN, PHONE, EMAIL"));
            }
            if (memberId != null && Member.findById(memberId) == null) {
                throw ProblemException.badRequest("The member is not a live member",
                        new Problem.Violation("memberId", "is not a live member; record the case without it"));
            }
        }
        DeskCase c = open(memberId, kind, channel, description, null);
        return new Received(c.id, c.memberId, c.kind, c.channel, c.status, c.receivedAt, c.dueAt);
    }

    /** Opens a case in the caller's transaction and announces it (also used for correction requests). */
    @Transactional(Transactional.TxType.MANDATORY)
    public DeskCase open(UUID memberId, ComplaintKind kind, Channel channel, String description, UUID correctionId) {
        Instant now = clock.instant();
        DeskCase c = new DeskCase();
        c.id = UUID.randomUUID();
        c.memberId = memberId;
        c.kind = kind;
        c.channel = channel;
        c.status = DeskCase.Status.OPEN;
        c.recordedByRole = roleOf(currentActor.get());
        c.correctionId = correctionId;
        c.receivedAt = now;
        c.dueAt = now.plus(config.privacyDesk().responseDeadline());
        if (description != null) {
            c.descriptionCt = cipherFor(c).encrypt(c.descriptionLabel(), description);
        }
        c.persist();
        outbox.publish(new ComplaintReceived(c.id, memberId, kind, channel, c.dueAt, now));
        if (memberId != null && description != null) {
            accessLog.byCaller(memberId, AccessAction.CREATE, List.of(DESCRIPTION), Purpose.COMPLAINT_HANDLING);
        }
        return c;
    }

    /** Open (not resolved) cases, or those past their deadline, soonest deadline first. */
    @Transactional
    public List<CaseView> list(String filter) {
        Instant now = clock.instant();
        List<DeskCase> cases = switch (filter == null ? "open" : filter) {
            case "open" -> DeskCase.list("status <> ?1 order by dueAt", DeskCase.Status.RESOLVED);
            case "overdue" -> DeskCase.list("status <> ?1 and dueAt < ?2 order by dueAt", DeskCase.Status.RESOLVED, now);
            case "resolved" -> DeskCase.list("status = ?1 order by resolvedAt desc", DeskCase.Status.RESOLVED);
            case "all" -> DeskCase.list("order by receivedAt desc");
            default -> throw ProblemException.badRequest("Unknown status filter",
                    new Problem.Violation("status", "must be one of open, overdue, resolved, all"));
        };
        return cases.stream().map(c -> view(c, now, false)).toList();
    }

    /** One case with its texts, for the privacy officer handling it (an access record when a member is concerned). */
    @Transactional
    public CaseView get(UUID caseId) {
        DeskCase c = find(caseId);
        recordTextRead(c);
        return view(c, clock.instant(), true);
    }

    @Transactional
    public CaseView start(UUID caseId) {
        DeskCase c = find(caseId);
        if (c.status == DeskCase.Status.RESOLVED) {
            throw resolvedAlready(c);
        }
        c.status = DeskCase.Status.IN_PROGRESS;
        return view(c, clock.instant(), false);
    }

    /** Closes a case; a case that tracks a pending correction is closed by applying or rejecting it. */
    @Transactional
    public CaseView resolve(UUID caseId, ComplaintOutcome outcome, String resolutionNote) {
        DeskCase c = find(caseId);
        if (c.status == DeskCase.Status.RESOLVED) {
            throw resolvedAlready(c);
        }
        if (c.correctionId != null) {
            CorrectionRequest correction = CorrectionRequest.findById(c.correctionId);
            if (correction != null && correction.status == CorrectionRequest.Status.PENDING) {
                throw new ProblemException(409, "correction-pending", "Correction pending",
                        "This case tracks correction " + c.correctionId + "; apply or reject the correction to close it");
            }
        }
        close(c, outcome, resolutionNote);
        return view(c, clock.instant(), false);
    }

    /** Closes the case that tracks a correction, when the correction is applied or rejected. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closeCaseOf(UUID caseId, ComplaintOutcome outcome) {
        if (caseId == null) {
            return;
        }
        DeskCase c = DeskCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (c != null && c.status != DeskCase.Status.RESOLVED) {
            close(c, outcome, null);
        }
    }

    /** The member's own cases, with their texts (a member reaches only their own). */
    @Transactional
    public List<CaseView> ofMember(UUID memberId) {
        members.visible(memberId);
        List<CaseView> views = viewsOf(memberId);
        if (!views.isEmpty()) {
            accessLog.byCaller(memberId, AccessAction.READ, List.of(DESCRIPTION, RESOLUTION_NOTE),
                    currentActor.get().role() == ActorRole.MEMBER ? Purpose.MEMBER_MANAGEMENT : Purpose.COMPLAINT_HANDLING);
        }
        return views;
    }

    /** The member's cases with their texts, for the export; the caller records the access. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CaseView> viewsOf(UUID memberId) {
        Instant now = clock.instant();
        List<CaseView> views = new ArrayList<>();
        for (DeskCase c : DeskCase.ofMember(memberId)) {
            views.add(view(c, now, true));
        }
        return views;
    }

    private void close(DeskCase c, ComplaintOutcome outcome, String resolutionNote) {
        Instant now = clock.instant();
        c.status = DeskCase.Status.RESOLVED;
        c.outcome = outcome;
        c.resolvedAt = now;
        if (resolutionNote != null) {
            c.resolutionNoteCt = cipherFor(c).encrypt(c.resolutionNoteLabel(), resolutionNote);
            if (c.memberId != null) {
                accessLog.byCaller(c.memberId, AccessAction.UPDATE, List.of(RESOLUTION_NOTE), Purpose.COMPLAINT_HANDLING);
            }
        }
        outbox.publish(new ComplaintResolved(c.id, c.memberId, outcome, now));
    }

    private void recordTextRead(DeskCase c) {
        if (c.memberId == null) {
            return;
        }
        List<String> fields = new ArrayList<>();
        if (c.descriptionCt != null) {
            fields.add(DESCRIPTION);
        }
        if (c.resolutionNoteCt != null) {
            fields.add(RESOLUTION_NOTE);
        }
        if (!fields.isEmpty()) {
            accessLog.byCaller(c.memberId, AccessAction.READ, fields, Purpose.COMPLAINT_HANDLING);
        }
    }

    private CaseView view(DeskCase c, Instant now, boolean withTexts) {
        String description = null;
        String note = null;
        if (withTexts && (c.descriptionCt != null || c.resolutionNoteCt != null)) {
            MemberCipher cipher = dataKeys.require(c.keySubject());
            description = c.descriptionCt == null ? null : cipher.decrypt(c.descriptionLabel(), c.descriptionCt);
            note = c.resolutionNoteCt == null ? null : cipher.decrypt(c.resolutionNoteLabel(), c.resolutionNoteCt);
        }
        return new CaseView(c.id, c.memberId, c.kind, c.channel, c.status, c.overdueAt(now), c.receivedAt, c.dueAt,
                c.resolvedAt, c.outcome, c.correctionId, c.recordedByRole, description, note);
    }

    /** The data key of the case's subject: the member's, or one created for the case itself. */
    private MemberCipher cipherFor(DeskCase c) {
        if (c.memberId != null) {
            return dataKeys.require(c.memberId);
        }
        return dataKeys.of(c.id).orElseGet(() -> dataKeys.create(c.id));
    }

    private static DeskCase find(UUID caseId) {
        DeskCase c = DeskCase.findById(caseId, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw ProblemException.notFound("No privacy-desk case " + caseId);
        }
        return c;
    }

    private static ProblemException resolvedAlready(DeskCase c) {
        return new ProblemException(409, "case-resolved", "Case resolved", "Case " + c.id + " is already resolved");
    }

    private static String roleOf(CurrentActor.Actor actor) {
        return actor.role() == null ? "UNKNOWN" : actor.role().name();
    }
}
