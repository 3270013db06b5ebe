package dev.privacy.member.rest;

import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.DisclosureRelease;
import dev.privacy.member.service.SeparatedDisclosureService;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.runtime.security.CurrentActor;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * Withdrawn members in the separated store (P08). The only read offered is the one for an
 * approved lawful disclosure (P10), for the disclosure-service; no other API reaches this data.
 */
@Path("/v1/separated-members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "separated members")
public class SeparatedMemberResource {

    @Inject
    DisclosureRelease releases;

    @Inject
    CurrentActor actor;

    @GET
    @Path("/{memberId}/lawful-disclosure")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Read a withdrawn member's separated profile fields for an approved lawful disclosure "
            + "(disclosure-service only)",
            description = "Called by the disclosure-service after two privacy officers approved a lawful request (P10). "
                    + "The member must be in the separated store (404) and no field restricted at withdrawal (409). "
                    + "Then the approval is checked back against the disclosure-service: APPROVED, a LAWFUL_REQUEST "
                    + "(403 approval-basis otherwise), the same member, purpose LAWFUL_DISCLOSURE, the fields within the "
                    + "approved ones (403 approval-fields-exceeded), not executed (409 approval-used), not expired (409 "
                    + "approval-expired); unverifiable → 503. Reads and decrypts only the requested fields and records "
                    + "the access (READ, purpose LAWFUL_DISCLOSURE, reference = the disclosure ID).")
    @APIResponse(responseCode = "200", description = "{memberId, disclosureId, fields: {field: value}, separatedAt}")
    @APIResponse(responseCode = "400", description = "disclosureId missing or not a UUID, fields missing or unknown")
    @APIResponse(responseCode = "403", description = "Not the disclosure-service; or the approval does not cover the read")
    @APIResponse(responseCode = "404", description = "The member is not in the separated store (live, unknown or destroyed)")
    @APIResponse(responseCode = "409", description = "fields-restricted; approval-not-approved, approval-used, approval-expired")
    @APIResponse(responseCode = "503", description = "approval-unverifiable: the disclosure-service did not confirm it")
    public SeparatedDisclosureService.SeparatedDisclosure lawfulDisclosure(
            @PathParam("memberId") UUID memberId,
            @QueryParam("disclosureId") @Parameter(description = "The approved disclosure this read serves", required = true)
            String disclosureId,
            @QueryParam("fields") @Parameter(description = "Comma-separated profile fields (name, loginId, mobile, email)",
                    required = true) String fields) {
        // The separated store opens to one caller only: the service that holds the approvals (P08, P10).
        actor.requireService(Services.DISCLOSURE);
        UUID disclosure = ReleaseReference.disclosure(disclosureId);
        if (fields == null || fields.isBlank()) {
            throw ProblemException.badRequest("The fields to read are required",
                    new Problem.Violation("fields", "is required; comma-separated of " + String.join(", ", Profile.FIELDS)));
        }
        List<String> requested = MemberResource.profileFields(fields);
        return releases.lawful(memberId, requested, disclosure);
    }
}
