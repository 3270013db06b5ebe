package dev.privacy.consent.rest;

import dev.privacy.consent.domain.ConsentSubject;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A member's consent ledger: the member sees their own, staff and services any. */
@Path("/v1/members/{memberId}/consent-ledger")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER, Roles.SERVICE})
@Tag(name = "consents")
public class ConsentLedgerResource {

    @Inject
    CurrentActor actor;

    @Inject
    AccessRecorder access;

    public record LedgerView(UUID memberId, boolean guardianConsentRequired, Instant openedAt, Instant withdrawnAt) {
    }

    @GET
    @Operation(summary = "The member's consent ledger (opened when the member registered)")
    public LedgerView ledger(@PathParam("memberId") UUID memberId) {
        actor.requireSelfOrStaff(memberId);
        ConsentSubject subject = ConsentSubject.findById(memberId);
        if (subject == null) {
            throw ProblemException.notFound("No consent ledger for member " + memberId);
        }
        access.record(memberId, AccessAction.READ, List.of("consentLedger"), Purpose.MEMBER_MANAGEMENT);
        return new LedgerView(subject.memberId, subject.guardianRequired, subject.openedAt, subject.withdrawnAt);
    }
}
