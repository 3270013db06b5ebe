package dev.privacy.member.rest;

import dev.privacy.member.service.PrivacyDeskService;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.platform.events.Channel;
import dev.privacy.platform.events.ComplaintKind;
import dev.privacy.platform.events.ComplaintOutcome;
import dev.privacy.platform.runtime.idempotency.IdempotentRequests;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.Violations;
import dev.privacy.platform.runtime.rest.BodyValidation;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The privacy desk (P12, P20): complaints and data-subject requests with a deadline, status and resolution. */
@Path("/v1/privacy-desk/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "privacy-desk")
public class PrivacyDeskResource {

    @Inject
    PrivacyDeskService desk;

    @Inject
    BodyValidation validation;

    @Inject
    IdempotentRequests idempotent;

    @Inject
    LookupHashes hashes;

    @Schema(name = "PrivacyDeskCaseRequest")
    public record CaseBody(
            @NotNull ComplaintKind kind,
            @Schema(description = "WEB for a member (the default); a privacy officer records WRITTEN, PHONE or EMAIL")
            Channel channel,
            @Schema(description = "The member concerned: the caller for a member; optional for a privacy officer")
            UUID memberId,
            @Size(max = 4000) @Schema(description = "Free text; personal data, stored encrypted, never in events or logs")
            String description) {
        @Override
        public String toString() {
            return "CaseBody[redacted]";
        }
    }

    @Schema(name = "PrivacyDeskResolution")
    public record ResolveBody(
            @NotNull ComplaintOutcome outcome,
            @Size(max = 4000) @Schema(description = "Free text; stored encrypted") String resolutionNote) {
        @Override
        public String toString() {
            return "ResolveBody[redacted]";
        }
    }

    @POST
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER})
    @Operation(summary = "Receive a complaint or data-subject request; its deadline is 10 days from receipt (P20)",
            description = "A member files their own on the web; a privacy officer records one received in writing, "
                    + "by phone or e-mail. Emits ComplaintReceived. Accepts an Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Received; Location names the case")
    public Response receive(CaseBody body,
                            @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Makes a retry safe") String key) {
        List<Problem.Violation> violations = validation.of(body);
        if (body.description() != null && body.description().isBlank()) {
            violations.add(new Problem.Violation("description", "must not be blank"));
        }
        Violations.refuseIfAny(violations);
        String fingerprint = hashes.hex("privacy-desk-case", body.kind() + "\u0000" + body.channel() + "\u0000"
                + body.memberId() + "\u0000" + body.description());
        return idempotent.execute("privacy-desk-case", key, fingerprint, () -> {
            PrivacyDeskService.Received received = desk.receive(body.kind(), body.channel(), body.memberId(),
                    body.description() == null ? null : body.description().strip());
            return Response.created(URI.create("/v1/privacy-desk/cases/" + received.caseId())).entity(received).build();
        });
    }

    @GET
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Cases by status: open (default), overdue (past their deadline, not resolved), resolved, all",
            description = "Lists carry no texts; read one case for its description.")
    public List<PrivacyDeskService.CaseView> list(@QueryParam("status") @Parameter(description = "open, overdue, resolved or all")
                                                  String status) {
        return desk.list(status);
    }

    @GET
    @Path("/{caseId}")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "One case with its description and resolution note (an access record when a member is concerned)")
    public PrivacyDeskService.CaseView get(@PathParam("caseId") UUID caseId) {
        return desk.get(caseId);
    }

    @POST
    @Path("/{caseId}/start")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Mark a case IN_PROGRESS")
    public PrivacyDeskService.CaseView start(@PathParam("caseId") UUID caseId) {
        return desk.start(caseId);
    }

    @POST
    @Path("/{caseId}/resolve")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Resolve a case with an outcome; emits ComplaintResolved (starts the 3-year clock, P18)",
            description = "A case that tracks a pending correction is closed by applying or rejecting the correction (409).")
    @APIResponse(responseCode = "409", description = "Already resolved, or it tracks a pending correction")
    public PrivacyDeskService.CaseView resolve(@PathParam("caseId") UUID caseId, ResolveBody body) {
        List<Problem.Violation> violations = validation.of(body);
        if (body.resolutionNote() != null && body.resolutionNote().isBlank()) {
            violations.add(new Problem.Violation("resolutionNote", "must not be blank"));
        }
        Violations.refuseIfAny(violations);
        return desk.resolve(caseId, body.outcome(),
                body.resolutionNote() == null ? null : body.resolutionNote().strip());
    }
}
