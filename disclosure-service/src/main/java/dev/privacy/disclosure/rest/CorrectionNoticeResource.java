package dev.privacy.disclosure.rest;

import dev.privacy.disclosure.domain.CorrectionNotice;
import dev.privacy.disclosure.service.CorrectionNotices;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import dev.privacy.platform.runtime.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
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

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Correction notices to recipients (P14), for the privacy desk: what is owed, what was tried, what is escalated. */
@Path("/v1/correction-notices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.COMPLIANCE})
@Tag(name = "correction notices")
public class CorrectionNoticeResource {

    @Inject
    CorrectionNotices notices;

    @Inject
    CurrentActor actor;

    /** A notice carries field names and IDs only; the corrected values are read when it is sent. */
    public record NoticeView(UUID id, UUID memberId, UUID recipientId, UUID correctionId, UUID disclosureId,
                             Purpose purpose, List<String> fields, String status, int attempts, Instant nextAttemptAt, Instant deadline, boolean escalated,
                             Instant escalatedAt, Instant acknowledgedAt, Instant createdAt,
                             List<CorrectionNotices.Attempt> attemptLog) {
    }

    @GET
    @Operation(summary = "Correction notices; escalated=true lists those not acknowledged in time (the privacy desk's list)")
    public List<NoticeView> list(@QueryParam("escalated") @Parameter(description = "Only escalated ones") boolean escalated,
                                 @QueryParam("memberId") @Parameter(description = "Only this member's") UUID memberId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StringBuilder q = new StringBuilder("1 = 1");
            java.util.Map<String, Object> params = new java.util.HashMap<>();
            if (escalated) {
                q.append(" and escalated = true and status = :pending");
                params.put("pending", CorrectionNotice.Status.PENDING);
            }
            if (memberId != null) {
                q.append(" and memberId = :member");
                params.put("member", memberId);
            }
            q.append(" order by createdAt");
            return CorrectionNotice.<CorrectionNotice>find(q.toString(), params).page(0, 500).list().stream()
                    .map(this::view).toList();
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.COMPLIANCE, Roles.SERVICE})
    @Operation(summary = "One notice with every delivery attempt",
            description = "Also for the member-service (service token, subject member-service; any other service 403): "
                    + "it checks every read of corrected values for a notice back here — the notice PENDING, the same "
                    + "member and purpose, the fields within the notice's.")
    @APIResponse(responseCode = "403", description = "A service other than the member-service")
    @APIResponse(responseCode = "404", description = "No such notice")
    public NoticeView get(@PathParam("id") UUID id) {
        if (actor.get().role() == ActorRole.SERVICE) {
            actor.requireService(Services.MEMBER);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            CorrectionNotice n = CorrectionNotice.findById(id);
            if (n == null) {
                throw ProblemException.notFound("No correction notice " + id);
            }
            return view(n);
        });
    }

    private NoticeView view(CorrectionNotice n) {
        return new NoticeView(n.id, n.memberId, n.recipientId, n.correctionId, n.disclosureId, n.purpose, n.fieldList(),
                n.status.name(), n.attempts,
                n.nextAttemptAt, n.deadline, n.escalated, n.escalatedAt, n.acknowledgedAt, n.createdAt,
                notices.attempts(n.id));
    }
}
