package dev.privacy.consent.rest;

import dev.privacy.consent.service.ConsentService;
import dev.privacy.consent.service.Receipts;
import dev.privacy.platform.events.Channel;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.idempotency.IdempotentRequests;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.rest.RequestParams;
import dev.privacy.platform.runtime.security.CurrentActor;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/**
 * A member's consents: current state, grants, withdrawals and the receipts of every change. A member
 * reaches only their own (another's is 404); a privacy officer acts on the member's recorded
 * instruction and names it.
 */
@Path("/v1/members/{memberId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "consents")
public class ConsentResource {

    @Inject
    ConsentService consents;

    @Inject
    CurrentActor actor;

    @Inject
    IdempotentRequests idempotent;

    @Schema(name = "ConsentGrantRequest")
    public record GrantRequest(
            @Schema(description = "An optional purpose of GET /v1/purposes", required = true) Purpose purpose,
            @Schema(description = "The recipient, for THIRD_PARTY_PROVISION only") UUID recipientId,
            @Schema(description = "The notice version shown; the current one if omitted") String noticeVersion,
            @Schema(description = "Staff only: how the member's instruction arrived") Channel channel,
            @Schema(description = "Staff only: the member's instruction acted on (a desk case ID, say)") String instructionReference) {
    }

    @Schema(name = "ConsentWithdrawRequest")
    public record WithdrawRequest(UUID recipientId, Channel channel, String instructionReference) {
    }

    @GET
    @Path("/consents")
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER, Roles.SERVICE})
    @Operation(summary = "Current state of every consent of the member (an access record is written)")
    public ConsentService.CurrentConsents current(@PathParam("memberId") UUID memberId) {
        actor.requireSelfOrStaff(memberId);
        return consents.current(memberId);
    }

    @GET
    @Path("/consent-receipts")
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER, Roles.SERVICE})
    @Operation(summary = "Every consent receipt of the member, oldest first: the full history")
    public List<Receipts.ReceiptView> receipts(@PathParam("memberId") UUID memberId) {
        actor.requireSelfOrStaff(memberId);
        return consents.history(memberId);
    }

    @POST
    @Path("/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER})
    @Operation(summary = "Grant an optional purpose; emits ConsentGranted and returns its receipt",
            description = "201 with a new receipt; 200 with the existing receipt when the consent is already live "
                    + "under the current notice. Required purposes come with the membership (409). "
                    + "Accepts an Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "Granted; the body is the receipt")
    @APIResponse(responseCode = "409", description = "Required purpose, outdated notice version, or the membership ended")
    @APIResponse(responseCode = "422", description = "Not a purpose of the catalogue, or an unknown notice version")
    public Response grant(@PathParam("memberId") UUID memberId, GrantRequest body,
                          @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Makes a retry safe") String key) {
        var who = actor.requireSelfOrStaff(memberId);
        if (body == null || body.purpose() == null) {
            throw ProblemException.badRequest("A purpose is required", new Problem.Violation("purpose", "must not be null"));
        }
        var acting = PurposeAndActor.acting(who, body.channel(), body.instructionReference());
        return idempotent.execute("consent-grant:" + memberId, key, body, () -> {
            ConsentService.Change change = consents.grant(memberId, body.purpose(), body.recipientId(),
                    body.noticeVersion(), acting);
            return Response.status(change.changed() ? 201 : 200)
                    .location(URI.create("/v1/members/" + memberId + "/consents"))
                    .entity(change.receipt()).build();
        });
    }

    @DELETE
    @Path("/consents/{purpose}")
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER})
    @Operation(summary = "Withdraw a consent; emits ConsentWithdrawn and returns its receipt",
            description = "Required purposes cannot be withdrawn while the membership lasts (409: withdraw the membership).")
    @APIResponse(responseCode = "404", description = "Unknown purpose, or no live consent to withdraw")
    @APIResponse(responseCode = "409", description = "A required purpose while the membership lasts")
    public Receipts.ReceiptView withdraw(@PathParam("memberId") UUID memberId, @PathParam("purpose") String purpose,
                                         @QueryParam("recipientId") String recipientId,
                                         @QueryParam("channel") String channel,
                                         @QueryParam("instructionReference") String instructionReference) {
        var who = actor.requireSelfOrStaff(memberId);
        Purpose p = PurposeAndActor.purpose(purpose);
        var acting = PurposeAndActor.acting(who, PurposeAndActor.channel(channel), instructionReference);
        return consents.withdraw(memberId, p, RequestParams.uuid("recipientId", recipientId,
                new RequestParams.Refusal("recipientId is not a UUID", "not a UUID")), acting).receipt();
    }

    @POST
    @Path("/consents/{purpose}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER})
    @Operation(summary = "Withdraw a consent, with the staff instruction in the body (same effect as DELETE)")
    public Receipts.ReceiptView withdrawWithBody(@PathParam("memberId") UUID memberId,
                                                 @PathParam("purpose") String purpose, WithdrawRequest body) {
        var who = actor.requireSelfOrStaff(memberId);
        Purpose p = PurposeAndActor.purpose(purpose);
        WithdrawRequest request = body == null ? new WithdrawRequest(null, null, null) : body;
        var acting = PurposeAndActor.acting(who, request.channel(), request.instructionReference());
        return consents.withdraw(memberId, p, request.recipientId(), acting).receipt();
    }
}
