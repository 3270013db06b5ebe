package dev.privacy.member.service;

import dev.privacy.member.domain.Member;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Finds a live member for the caller of the request, and only one the caller may see (BOLA). Every
 * use case that starts from a member ID (profile, corrections, privacy desk, service applications,
 * withdrawal, export) asks here, so none of them has to depend on another to do it.
 */
@ApplicationScoped
public class MemberLookup {

    @Inject
    CurrentActor currentActor;

    /**
     * The live member, if the caller may see it: the member themself (404 for another's data), staff
     * (their roles are checked per endpoint), or one of {@code allowedServices} (by token subject;
     * any other service 403). No service is allowed unless named. Runs in the caller's transaction.
     */
    public Member visible(UUID memberId, String... allowedServices) {
        currentActor.requireSelfStaffOrService(memberId, allowedServices);
        Member member = Member.findById(memberId);
        if (member == null) {
            throw ProblemException.notFound("No member " + memberId + " is visible to you");
        }
        return member;
    }
}
