package dev.privacy.member.service;

import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.crypto.DataKeys;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.MemberStatus;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.member.CorrectionApplied;
import dev.privacy.platform.runtime.outbox.Outbox;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Self-service view, modification and export of the live profile (P11), each with an access record (P02). */
@ApplicationScoped
public class ProfileService {

    @Inject
    CurrentActor currentActor;

    @Inject
    ProfileVault vault;

    @Inject
    DataKeys dataKeys;

    @Inject
    LookupHashes hashes;

    @Inject
    Outbox outbox;

    @Inject
    AccessLog accessLog;

    @Inject
    Clock clock;

    public record MemberView(UUID memberId, MemberStatus status, String name, String loginId, String mobile,
                             String email, Instant registeredAt) {
        static MemberView of(Member m, Profile p) {
            return new MemberView(m.id, m.status, p.name(), p.loginId(), p.mobile(), p.email(), m.createdAt);
        }
    }

    public record Export(String service, Instant exportedAt, MemberView member, boolean guardianConsentRequired,
                         Instant activatedAt, Instant updatedAt, String passwordNote) {
    }

    @Transactional
    public MemberView view(UUID memberId, Purpose purpose) {
        Member member = visible(memberId);
        Profile profile = vault.open(member);
        accessLog.byCaller(member.id, AccessAction.READ, Profile.FIELDS, purpose);
        return MemberView.of(member, profile);
    }

    /** Changes the given fields; emits CorrectionApplied with the names of the fields that changed. */
    @Transactional
    public MemberView modify(UUID memberId, String name, String mobile, String email, Purpose purpose) {
        Member member = visible(memberId);
        Profile before = vault.open(member);
        List<String> changed = new ArrayList<>();
        if (name != null && !name.equals(before.name())) {
            changed.add(Profile.NAME);
        }
        if (mobile != null && !mobile.equals(before.mobile())) {
            changed.add(Profile.MOBILE);
        }
        if (email != null && !email.equalsIgnoreCase(before.email())) {
            if (Member.emailTakenByOther(hashes.email(email), member.id)) {
                throw new ProblemException(409, "email-unavailable", "Cannot change",
                        "The e-mail address cannot be used for this member");
            }
            changed.add(Profile.EMAIL);
        } else if (email != null && !email.equals(before.email())) {
            changed.add(Profile.EMAIL); // only the letter case changed
        }
        if (changed.isEmpty()) {
            accessLog.byCaller(member.id, AccessAction.READ, Profile.FIELDS, purpose);
            return MemberView.of(member, before);
        }
        Profile after = new Profile(Objects.requireNonNullElse(name, before.name()), before.loginId(),
                Objects.requireNonNullElse(mobile, before.mobile()), Objects.requireNonNullElse(email, before.email()));
        vault.seal(member, dataKeys.require(member.id), after);
        Instant now = clock.instant();
        member.updatedAt = now;
        outbox.publish(new CorrectionApplied(member.id, null, List.copyOf(changed), now));
        accessLog.byCaller(member.id, AccessAction.UPDATE, changed, purpose);
        return MemberView.of(member, after);
    }

    @Transactional
    public Export export(UUID memberId) {
        Member member = visible(memberId);
        Profile profile = vault.open(member);
        accessLog.byCaller(member.id, AccessAction.EXPORT, Profile.FIELDS, Purpose.MEMBER_MANAGEMENT);
        return new Export("member-service", clock.instant(), MemberView.of(member, profile),
                member.guardianConsentRequired, member.activatedAt, member.updatedAt,
                "The password is stored only as an Argon2id hash and cannot be exported");
    }

    /** The live member, if the caller may see it; 404 for a member reaching for another's data. */
    public Member visible(UUID memberId) {
        currentActor.requireSelfOrStaff(memberId);
        Member member = Member.findById(memberId);
        if (member == null) {
            throw ProblemException.notFound("No member " + memberId + " is visible to you");
        }
        return member;
    }
}
