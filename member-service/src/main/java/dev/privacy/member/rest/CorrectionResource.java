package dev.privacy.member.rest;

import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.CorrectionService;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.platform.runtime.idempotency.IdempotentRequests;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.problem.Violations;
import dev.privacy.platform.runtime.rest.BodyValidation;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Correction requests (P13): request, apply, reject. Pending corrections restrict their fields. */
@Path("/v1/members/{memberId}/corrections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "corrections")
public class CorrectionResource {

    @Inject
    CorrectionService corrections;

    @Inject
    BodyValidation validation;

    @Inject
    IdempotentRequests idempotent;

    @Inject
    LookupHashes hashes;

    /** The corrected value of every field of the correction. */
    @Schema(name = "CorrectionApply")
    public record ApplyBody(@Schema(description = "field name → corrected value") Map<String, String> changes) {
        @Override
        public String toString() {
            return "ApplyBody[redacted]";
        }
    }

    @Schema(name = "CorrectionReject")
    public record RejectBody(
            @NotBlank @Size(max = 100) @jakarta.validation.constraints.Pattern(regexp = CorrectionService.REASON_CODE_PATTERN,
                    message = "must be a reason code such as NOT_INACCURATE (letters, digits, _ . : / -), not free text")
            @Schema(description = "Reason code, e.g. NOT_INACCURATE, INSUFFICIENT_EVIDENCE, LEGAL_OBLIGATION") String reason) {
    }

    @POST
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER})
    @Operation(summary = "Request a correction: the fields are restricted until it is applied or rejected",
            description = "Emits CorrectionRequested; opens a privacy-desk case (10-day deadline, ComplaintReceived) "
                    + "unless a privacy officer records their own finding (no channel).")
    @APIResponse(responseCode = "201", description = "Requested; Location names the correction")
    @APIResponse(responseCode = "409", description = "A correction of one of these fields is already pending")
    public Response request(@PathParam("memberId") UUID memberId, CorrectionRequestBody body,
                            @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Makes a retry safe") String key) {
        List<Problem.Violation> violations = validation.of(body);
        List<String> fields = new ArrayList<>();
        if (body.fields() != null) {
            for (int i = 0; i < body.fields().size(); i++) {
                String f = body.fields().get(i);
                if (f == null || !Profile.FIELDS.contains(f)) {
                    violations.add(new Problem.Violation("fields[" + i + "]",
                            "must be one of " + String.join(", ", Profile.FIELDS)));
                } else if (!fields.contains(f)) {
                    fields.add(f);
                }
            }
        }
        if (body.note() != null && body.note().isBlank()) {
            violations.add(new Problem.Violation("note", "must not be blank"));
        }
        Violations.refuseIfAny(violations);
        List<String> ordered = Profile.FIELDS.stream().filter(fields::contains).toList();
        String fingerprint = hashes.hex("correction-request", memberId + "\u0000" + String.join(",", ordered) + "\u0000"
                + body.note() + "\u0000" + body.channel());
        return idempotent.execute("member-correction", key, fingerprint, () -> {
            CorrectionService.Requested requested = corrections.request(memberId, ordered,
                    body.note() == null ? null : body.note().strip(), body.channel());
            return Response.created(URI.create("/v1/members/" + memberId + "/corrections/" + requested.correctionId()))
                    .entity(requested).build();
        });
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER})
    @Operation(summary = "The member's correction requests, pending and closed")
    public List<CorrectionService.CorrectionView> list(@PathParam("memberId") UUID memberId) {
        return corrections.list(memberId);
    }

    @POST
    @Path("/{correctionId}/apply")
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER})
    @Operation(summary = "Apply a correction with the corrected value of each of its fields; lifts the restriction",
            description = "Emits CorrectionApplied (correctionId, field names) and closes the privacy-desk case (FULFILLED).")
    @APIResponse(responseCode = "409", description = "The correction is no longer pending, or a login ID / e-mail is taken")
    public CorrectionService.CorrectionView apply(@PathParam("memberId") UUID memberId,
                                                  @PathParam("correctionId") UUID correctionId, ApplyBody body) {
        if (body == null) {
            throw ProblemException.badRequest("A request body is required");
        }
        return corrections.apply(memberId, correctionId, body.changes() == null ? null : new TreeMap<>(body.changes()));
    }

    @POST
    @Path("/{correctionId}/reject")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Reject a correction with a reason code; lifts the restriction",
            description = "Emits CorrectionRejected and closes the privacy-desk case (REJECTED).")
    public CorrectionService.CorrectionView reject(@PathParam("memberId") UUID memberId,
                                                   @PathParam("correctionId") UUID correctionId, RejectBody body) {
        Violations.refuseIfAny(validation.of(body));
        return corrections.reject(memberId, correctionId, body.reason());
    }
}
