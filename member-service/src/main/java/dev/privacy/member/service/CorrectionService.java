package dev.privacy.member.service;

import dev.privacy.member.domain.CorrectionRequest;
import dev.privacy.member.domain.DeskCase;
import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.crypto.DataKeys;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.platform.runtime.crypto.MemberCipher;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Channel;
import dev.privacy.platform.events.ComplaintKind;
import dev.privacy.platform.events.ComplaintOutcome;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.member.CorrectionApplied;
import dev.privacy.platform.events.member.CorrectionRejected;
import dev.privacy.platform.events.member.CorrectionRequested;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.problem.Violations;
import dev.privacy.platform.runtime.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Correction requests (P13). Requesting one restricts its fields: until it is applied or rejected
 * they are neither used nor provided (see {@link Restrictions}). A correction asked for by the
 * member, or recorded by a privacy officer from a written, phone or e-mail request, is also a
 * data-subject request on the privacy desk with its 10-day deadline (P20); applying or rejecting
 * the correction closes that case.
 */
@ApplicationScoped
public class CorrectionService {

    /** A rejection's reason is a code, never free text: it goes into CorrectionRejected (v1 schema). */
    public static final String REASON_CODE_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:/\\-]*$";

    public static final String NOTE = "correction.note";

    @Inject
    MemberLookup members;

    @Inject
    ProfileVault vault;

    @Inject
    DataKeys dataKeys;

    @Inject
    LookupHashes hashes;

    @Inject
    PrivacyDeskService desk;

    @Inject
    Outbox outbox;

    @Inject
    AccessLog accessLog;

    @Inject
    CurrentActor currentActor;

    @Inject
    Clock clock;

    public record CorrectionView(UUID correctionId, UUID memberId, List<String> fields,
                                 CorrectionRequest.Status status, String requestedByRole, UUID caseId,
                                 Instant requestedAt, Instant resolvedAt, String rejectReason, String note) {
        @Override
        public String toString() {
            return "CorrectionView[" + correctionId + "]";
        }
    }

    /** What a new correction answers (and an Idempotency-Key replays): IDs, field names, dates. */
    public record Requested(UUID correctionId, UUID memberId, List<String> fields, CorrectionRequest.Status status,
                            UUID caseId, Instant requestedAt, Instant dueAt) {
    }

    @Transactional
    public Requested request(UUID memberId, List<String> fields, String note, Channel channel) {
        Member member = members.visible(memberId);
        CurrentActor.Actor actor = currentActor.get();
        Channel caseChannel = caseChannel(actor, channel);
        Set<String> pending = CorrectionRequest.restrictedFields(member.id);
        List<Problem.Violation> overlap = fields.stream().filter(pending::contains)
                .map(f -> new Problem.Violation(f, "a correction of this field is already pending")).toList();
        if (!overlap.isEmpty()) {
            throw new ProblemException(409, "correction-pending", "Correction already pending",
                    "A correction of some of these fields is already pending", overlap, Map.of());
        }
        Instant now = clock.instant();
        CorrectionRequest c = new CorrectionRequest();
        c.id = UUID.randomUUID();
        c.memberId = member.id;
        c.fields = CorrectionRequest.join(fields);
        c.status = CorrectionRequest.Status.PENDING;
        c.requestedByRole = actor.role().name();
        c.requestedAt = now;
        if (note != null) {
            c.noteCt = dataKeys.require(member.id).encrypt(c.noteLabel(), note);
        }
        DeskCase deskCase = null;
        if (caseChannel != null) {
            deskCase = desk.open(member.id, ComplaintKind.CORRECTION_REQUEST, caseChannel, null, c.id);
            c.caseId = deskCase.id;
        }
        c.persist();
        outbox.publish(new CorrectionRequested(member.id, c.id, fields, actor.role(), now));
        List<String> accessed = new ArrayList<>(fields);
        if (note != null) {
            accessed.add(NOTE);
        }
        accessLog.byCaller(member.id, AccessAction.UPDATE, accessed, Purpose.CORRECTION);
        return new Requested(c.id, member.id, fields, c.status, c.caseId, now, deskCase == null ? null : deskCase.dueAt);
    }

    /**
     * Applies a correction: {@code changes} gives the corrected value of every field of the request
     * (and no other). The values are validated like a self-service modification.
     */
    @Transactional
    public CorrectionView apply(UUID memberId, UUID correctionId, Map<String, String> changes) {
        Member member = members.visible(memberId);
        CorrectionRequest c = pending(member.id, correctionId);
        List<String> fields = c.fieldList();
        Profile before = vault.open(member);
        Profile after = corrected(member, before, fields, changes);
        vault.seal(member, dataKeys.require(member.id), after);
        Instant now = clock.instant();
        member.updatedAt = now;
        c.status = CorrectionRequest.Status.APPLIED;
        c.resolvedAt = now;
        outbox.publish(new CorrectionApplied(member.id, c.id, fields, now));
        desk.closeCaseOf(c.caseId, ComplaintOutcome.FULFILLED);
        accessLog.byCaller(member.id, AccessAction.UPDATE, fields, Purpose.CORRECTION);
        return view(c, false);
    }

    /** Rejects a correction with a reason code; the restriction on its fields is lifted. */
    @Transactional
    public CorrectionView reject(UUID memberId, UUID correctionId, String reason) {
        Member member = members.visible(memberId);
        CorrectionRequest c = pending(member.id, correctionId);
        Instant now = clock.instant();
        c.status = CorrectionRequest.Status.REJECTED;
        c.resolvedAt = now;
        c.rejectReason = reason;
        outbox.publish(new CorrectionRejected(member.id, c.id, c.fieldList(), reason, now));
        desk.closeCaseOf(c.caseId, ComplaintOutcome.REJECTED);
        return view(c, false);
    }

    @Transactional
    public List<CorrectionView> list(UUID memberId) {
        Member member = members.visible(memberId);
        List<CorrectionView> views = viewsOf(member.id);
        if (views.stream().anyMatch(v -> v.note() != null)) {
            accessLog.byCaller(member.id, AccessAction.READ, List.of(NOTE),
                    currentActor.get().role() == ActorRole.MEMBER ? Purpose.MEMBER_MANAGEMENT : Purpose.CORRECTION);
        }
        return views;
    }

    /** The member's corrections with their notes, for the export; the caller records the access. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CorrectionView> viewsOf(UUID memberId) {
        return CorrectionRequest.ofMember(memberId).stream().map(c -> view(c, true)).toList();
    }

    /** The corrected profile, or 400 with every bad change, or 409 if a login ID or e-mail is taken. */
    private Profile corrected(Member member, Profile before, List<String> fields, Map<String, String> changes) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (changes == null || changes.isEmpty()) {
            throw ProblemException.badRequest("The corrected values are required",
                    new Problem.Violation("changes", "must give a value for each of " + String.join(", ", fields)));
        }
        Set<String> expected = new TreeSet<>(fields);
        for (String f : expected) {
            if (!changes.containsKey(f)) {
                violations.add(new Problem.Violation("changes." + f, "is required: the request names this field"));
            }
        }
        for (String f : new TreeSet<>(changes.keySet())) {
            if (!expected.contains(f)) {
                violations.add(new Problem.Violation("changes." + f, "is not a field of this correction"));
            }
        }
        Map<String, String> corrected = new HashMap<>();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            if (!expected.contains(change.getKey())) {
                continue;
            }
            FieldRules.Checked checked = FieldRules.check(change.getKey(), change.getValue());
            if (checked.violation() != null) {
                violations.add(new Problem.Violation("changes." + change.getKey(), checked.violation()));
            }
            corrected.put(change.getKey(), checked.value());
        }
        Violations.refuseIfAny(violations);
        String name = corrected.getOrDefault(Profile.NAME, before.name());
        String loginId = corrected.getOrDefault(Profile.LOGIN_ID, before.loginId());
        String mobile = corrected.getOrDefault(Profile.MOBILE, before.mobile());
        String email = corrected.getOrDefault(Profile.EMAIL, before.email());
        if (!loginId.equals(before.loginId()) && Member.loginIdTakenByOther(hashes.loginId(loginId), member.id)) {
            throw new ProblemException(409, "login-id-unavailable", "Cannot correct",
                    "The login ID cannot be used for this member");
        }
        if (!email.equalsIgnoreCase(before.email()) && Member.emailTakenByOther(hashes.email(email), member.id)) {
            throw new ProblemException(409, "email-unavailable", "Cannot correct",
                    "The e-mail address cannot be used for this member");
        }
        return new Profile(name, loginId, mobile, email);
    }

    /** The channel of the privacy-desk case, or null when none is opened (a privacy officer's own finding). */
    private static Channel caseChannel(CurrentActor.Actor actor, Channel channel) {
        if (actor.role() == ActorRole.MEMBER) {
            if (channel != null && channel != Channel.WEB) {
                throw ProblemException.badRequest("Members ask for corrections on the web",
                        new Problem.Violation("channel", "must be WEB or absent for a member"));
            }
            return Channel.WEB;
        }
        if (channel != null && !PrivacyDeskService.STAFF_CHANNELS.contains(channel)) {
            throw ProblemException.badRequest("Staff record requests received in writing, by phone or by e-mail",
                    new Problem.Violation("channel", "must be WRITTEN, PHONE or EMAIL, or absent for the officer's own finding"));
        }
        return channel;
    }

    private static CorrectionRequest pending(UUID memberId, UUID correctionId) {
        CorrectionRequest c = CorrectionRequest.findById(correctionId, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || !c.memberId.equals(memberId)) {
            throw ProblemException.notFound("No correction " + correctionId + " of member " + memberId);
        }
        if (c.status != CorrectionRequest.Status.PENDING) {
            throw new ProblemException(409, "correction-closed", "Correction closed",
                    "Correction " + correctionId + " is already " + c.status);
        }
        return c;
    }

    private CorrectionView view(CorrectionRequest c, boolean withNote) {
        String note = null;
        if (withNote && c.noteCt != null) {
            MemberCipher cipher = dataKeys.require(c.memberId);
            note = cipher.decrypt(c.noteLabel(), c.noteCt);
        }
        return new CorrectionView(c.id, c.memberId, c.fieldList(), c.status, c.requestedByRole, c.caseId,
                c.requestedAt, c.resolvedAt, c.rejectReason, note);
    }
}
