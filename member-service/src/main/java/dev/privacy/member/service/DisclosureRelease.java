package dev.privacy.member.service;

import dev.privacy.platform.events.Purpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The release of member data for an approved disclosure (P10), in the order that keeps the
 * check-back honest: first the refusals that need no approval (the member not there 404, a field
 * restricted 409, P13), then the approval read back from the disclosure-service with no transaction
 * open (it may take seconds, and must not hold a connection or locks meanwhile), and only then the
 * read with its access record. Each step is a transaction of its own in the bean that owns the data.
 * The caller has checked that the disclosure-service is asking.
 */
@ApplicationScoped
public class DisclosureRelease {

    /** The purposes of a release for disclosure (P10). */
    public static final Set<Purpose> PURPOSES = EnumSet.of(Purpose.THIRD_PARTY_PROVISION, Purpose.LAWFUL_DISCLOSURE);

    @Inject
    ProfileService profiles;

    @Inject
    SeparatedDisclosureService separated;

    @Inject
    DisclosureApprovalCheck approvals;

    /** Live profile fields for the approved disclosure {@code disclosureId}. */
    public ProfileService.DisclosureView forDisclosure(UUID memberId, List<String> fields, Purpose purpose,
                                                       UUID disclosureId) {
        profiles.requireReleasable(memberId, fields);
        approvals.verifyDisclosure(disclosureId, memberId, fields, purpose, DisclosureApprovalCheck.Store.LIVE);
        return profiles.disclosureView(memberId, fields, purpose, disclosureId);
    }

    /** The corrected live values a correction notice (P14) re-sends to the recipients of earlier disclosures. */
    public ProfileService.DisclosureView forNotice(UUID memberId, List<String> fields, Purpose purpose, UUID noticeId) {
        profiles.requireReleasable(memberId, fields);
        approvals.verifyNotice(noticeId, memberId, fields, purpose);
        return profiles.disclosureView(memberId, fields, purpose, noticeId);
    }

    /** A withdrawn member's separated profile fields for an approved lawful disclosure (P08). */
    public SeparatedDisclosureService.SeparatedDisclosure lawful(UUID memberId, List<String> fields, UUID disclosureId) {
        separated.requireReadable(memberId, fields);
        approvals.verifyDisclosure(disclosureId, memberId, fields, Purpose.LAWFUL_DISCLOSURE,
                DisclosureApprovalCheck.Store.SEPARATED);
        return separated.read(memberId, disclosureId, fields);
    }
}
