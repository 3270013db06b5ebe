package dev.privacy.member.service;

import dev.privacy.member.domain.CorrectionRequest;
import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.Profile;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.Purpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * "Download my data" (P11): everything this service holds about the member, with one access record
 * (EXPORT) naming what left. The only use case that reads across profile, corrections, privacy desk
 * and service applications, so it is a bean of its own that depends on them (none depends on it).
 */
@ApplicationScoped
public class ProfileExport {

    @Inject
    MemberLookup members;

    @Inject
    ProfileVault vault;

    @Inject
    CorrectionService corrections;

    @Inject
    PrivacyDeskService desk;

    @Inject
    ServiceApplications applications;

    @Inject
    AccessLog accessLog;

    @Inject
    Clock clock;

    public record Export(String service, Instant exportedAt, ProfileService.MemberView member,
                         boolean guardianConsentRequired, Instant activatedAt, Instant updatedAt, String passwordNote,
                         List<CorrectionService.CorrectionView> corrections,
                         List<PrivacyDeskService.CaseView> privacyDeskCases,
                         List<ServiceApplications.ApplicationView> serviceApplications) {
        @Override
        public String toString() {
            return "Export[redacted]";
        }
    }

    /**
     * The member's profile (restricted fields withheld, as in the view), corrections, privacy-desk
     * cases and service applications.
     */
    @Transactional
    public Export export(UUID memberId) {
        Member member = members.visible(memberId);
        Profile profile = vault.open(member);
        Set<String> restricted = CorrectionRequest.restrictedFields(member.id);
        Set<String> shown = new LinkedHashSet<>(Profile.FIELDS);
        shown.removeAll(restricted);
        var correctionViews = corrections.viewsOf(member.id);
        var caseViews = desk.viewsOf(member.id);
        var applicationViews = applications.viewsOf(member.id);
        List<String> exported = new ArrayList<>(shown);
        if (!correctionViews.isEmpty()) {
            exported.add(CorrectionService.NOTE);
        }
        if (!caseViews.isEmpty()) {
            exported.addAll(List.of(PrivacyDeskService.DESCRIPTION, PrivacyDeskService.RESOLUTION_NOTE));
        }
        if (!applicationViews.isEmpty()) {
            exported.addAll(ServiceApplications.FIELDS);
        }
        accessLog.byCaller(member.id, AccessAction.EXPORT, exported, Purpose.MEMBER_MANAGEMENT);
        return new Export("member-service", clock.instant(),
                ProfileService.MemberView.of(member, profile, shown, restricted),
                member.guardianConsentRequired, member.activatedAt, member.updatedAt,
                "The password is stored only as an Argon2id hash and cannot be exported",
                correctionViews, caseViews, applicationViews);
    }
}
