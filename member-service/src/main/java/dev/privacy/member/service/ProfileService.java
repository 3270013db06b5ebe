package dev.privacy.member.service;

import dev.privacy.member.domain.CorrectionRequest;
import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.crypto.DataKeys;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.MemberStatus;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Services;
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
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * View and modification of the live profile (P11), each with an access record (P02), and the
 * restriction of fields under a pending correction (P13): the member sees such a field as
 * {@code null} and listed in {@code restricted}; staff and services are refused it for every
 * purpose but {@link Purpose#CORRECTION}; its release for a disclosure is refused. The export is
 * {@link ProfileExport}; the release's protocol around the approval check-back is {@link DisclosureRelease}.
 */
@ApplicationScoped
public class ProfileService {

    /** Purposes staff may state to read a live profile (consent-based ones never). */
    public static final Set<Purpose> STAFF_READ_PURPOSES = EnumSet.of(Purpose.MEMBER_MANAGEMENT,
            Purpose.CONTRACT_AND_BILLING, Purpose.COMPLAINT_HANDLING, Purpose.CORRECTION);

    @Inject
    EmailChangeThrottle emailChanges;

    @Inject
    CurrentActor currentActor;

    @Inject
    MemberLookup members;

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

    /**
     * A profile as shown. A field is {@code null} when it was not asked for or is restricted for
     * this caller; {@code restricted} names the fields under a pending correction (P13).
     */
    public record MemberView(UUID memberId, MemberStatus status, String name, String loginId, String mobile,
                             String email, Instant registeredAt, List<String> restricted) {

        static MemberView of(Member m, Profile p, Set<String> shown, Set<String> restricted) {
            return new MemberView(m.id, m.status, shown.contains(Profile.NAME) ? p.name() : null,
                    shown.contains(Profile.LOGIN_ID) ? p.loginId() : null,
                    shown.contains(Profile.MOBILE) ? p.mobile() : null,
                    shown.contains(Profile.EMAIL) ? p.email() : null, m.createdAt, List.copyOf(restricted));
        }

        @Override
        public String toString() {
            return "MemberView[" + memberId + "]";
        }
    }

    /** The fields released for a disclosure (P10) by the disclosure-service. */
    public record DisclosureView(UUID memberId, Purpose purpose, Map<String, String> fields) {
        @Override
        public String toString() {
            return "DisclosureView[" + memberId + "]";
        }
    }

    /**
     * Reads the profile. {@code fields} selects fields (null: all). The member sees restricted
     * fields as null; staff and services get 409 for a restricted field unless the purpose is
     * CORRECTION.
     */
    @Transactional
    public MemberView view(UUID memberId, Purpose purpose, Collection<String> fields) {
        Member member = members.visible(memberId);
        Set<String> requested = new LinkedHashSet<>(fields == null ? Profile.FIELDS : ordered(fields));
        Set<String> restricted = CorrectionRequest.restrictedFields(member.id);
        Set<String> shown = new LinkedHashSet<>(requested);
        if (currentActor.get().role() == ActorRole.MEMBER) {
            shown.removeAll(restricted);
        } else if (purpose != Purpose.CORRECTION) {
            Restrictions.refuseUse(Restrictions.among(requested, restricted));
        }
        Profile profile = vault.open(member);
        if (!shown.isEmpty()) {
            accessLog.byCaller(member.id, AccessAction.READ, shown, purpose);
        }
        return MemberView.of(member, profile, shown, restricted);
    }

    /**
     * What a release can be refused for before its approval is checked back (no value is read): the
     * member not live (404) or a field under a pending correction (409, P13).
     */
    @Transactional
    public void requireReleasable(UUID memberId, Collection<String> fields) {
        Member member = members.visible(memberId, Services.DISCLOSURE);
        Restrictions.refuseUse(Restrictions.among(ordered(fields), CorrectionRequest.restrictedFields(member.id)));
    }

    /**
     * Release of profile fields for a disclosure (P10), for the disclosure-service, once the approval
     * was verified ({@link DisclosureApprovalCheck}): refused with 409 while any of them is under a
     * pending correction (P13). {@code reference} is the disclosure or correction notice it serves.
     */
    @Transactional
    public DisclosureView disclosureView(UUID memberId, Collection<String> fields, Purpose purpose, UUID disclosureId) {
        Member member = members.visible(memberId, Services.DISCLOSURE);
        List<String> requested = ordered(fields);
        Restrictions.refuseUse(Restrictions.among(requested, CorrectionRequest.restrictedFields(member.id)));
        Profile profile = vault.open(member);
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : requested) {
            values.put(f, valueOf(profile, f));
        }
        accessLog.byCaller(member.id, AccessAction.READ, requested, purpose, disclosureId);
        return new DisclosureView(member.id, purpose, values);
    }

    /** Changes the given fields; emits CorrectionApplied with the names of the fields that changed. */
    @Transactional
    public MemberView modify(UUID memberId, String name, String mobile, String email, Purpose purpose) {
        Member member = members.visible(memberId);
        Set<String> restricted = CorrectionRequest.restrictedFields(member.id);
        List<String> supplied = new ArrayList<>();
        if (name != null) {
            supplied.add(Profile.NAME);
        }
        if (mobile != null) {
            supplied.add(Profile.MOBILE);
        }
        if (email != null) {
            supplied.add(Profile.EMAIL);
        }
        Restrictions.refuseChange(Restrictions.among(supplied, restricted));
        Profile before = vault.open(member);
        List<String> changed = new ArrayList<>();
        if (name != null && !name.equals(before.name())) {
            changed.add(Profile.NAME);
        }
        if (mobile != null && !mobile.equals(before.mobile())) {
            changed.add(Profile.MOBILE);
        }
        if (email != null && !email.equalsIgnoreCase(before.email())) {
            emailChanges.count(member.id); // before the look-up whose 409 would tell the address is taken
            if (Member.emailTakenByOther(hashes.email(email), member.id)) {
                throw new ProblemException(409, "email-unavailable", "Cannot change",
                        "The e-mail address cannot be used for this member");
            }
            changed.add(Profile.EMAIL);
        } else if (email != null && !email.equals(before.email())) {
            changed.add(Profile.EMAIL); // only the letter case changed
        }
        Set<String> shown = new LinkedHashSet<>(Profile.FIELDS);
        shown.removeAll(restricted);
        if (changed.isEmpty()) {
            accessLog.byCaller(member.id, AccessAction.READ, shown, purpose);
            return MemberView.of(member, before, shown, restricted);
        }
        Profile after = new Profile(Objects.requireNonNullElse(name, before.name()), before.loginId(),
                Objects.requireNonNullElse(mobile, before.mobile()), Objects.requireNonNullElse(email, before.email()));
        vault.seal(member, dataKeys.require(member.id), after);
        Instant now = clock.instant();
        member.updatedAt = now;
        outbox.publish(new CorrectionApplied(member.id, null, List.copyOf(changed), now));
        accessLog.byCaller(member.id, AccessAction.UPDATE, changed, purpose);
        return MemberView.of(member, after, shown, restricted);
    }

    /** The given profile field names in the profile's order, without repeats. */
    private static List<String> ordered(Collection<String> fields) {
        return Profile.FIELDS.stream().filter(fields::contains).toList();
    }

    private static String valueOf(Profile p, String field) {
        return switch (field) {
            case Profile.NAME -> p.name();
            case Profile.LOGIN_ID -> p.loginId();
            case Profile.MOBILE -> p.mobile();
            case Profile.EMAIL -> p.email();
            default -> throw new IllegalArgumentException("not a profile field: " + field);
        };
    }
}
