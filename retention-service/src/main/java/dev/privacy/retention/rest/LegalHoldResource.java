package dev.privacy.retention.rest;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.runtime.idempotency.IdempotentRequests;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.CurrentActor;
import dev.privacy.platform.runtime.security.Roles;
import dev.privacy.retention.domain.LegalHold;
import dev.privacy.retention.service.LegalHoldService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Legal holds (P07): a privacy officer suspends destruction for a member, a category, or both. */
@Path("/v1/legal-holds")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Tag(name = "legal holds")
public class LegalHoldResource {

    @Inject
    LegalHoldService holds;

    @Inject
    IdempotentRequests idempotent;

    @Inject
    CurrentActor currentActor;

    /** reference: a case or order number (no personal data; it goes into events); reason stays here. */
    public record PlaceHold(String reference, String reason, UUID memberId, DataCategory category) {
    }

    /** The creation answer (stored for Idempotency-Key replays): IDs and codes, not the reason. */
    public record HoldPlaced(UUID holdId, String reference, UUID memberId, DataCategory category, Instant placedAt) {
    }

    public record HoldView(UUID holdId, String reference, String reason, UUID memberId, DataCategory category,
                           String placedBy, Instant placedAt, String releasedBy, Instant releasedAt, boolean active) {
        static HoldView of(LegalHold h) {
            return new HoldView(h.id, h.reference, h.reason, h.memberId, h.category, h.placedBy, h.placedAt,
                    h.releasedBy, h.releasedAt, h.active());
        }
    }

    public record ReleaseView(UUID holdId, Instant releasedAt, int schedulesExpired) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place a legal hold: schedules in its scope do not expire until it is released (Idempotency-Key)")
    public Response place(PlaceHold request, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        validate(request);
        String actor = currentActor.get().id();
        return idempotent.execute("legal-holds", idempotencyKey, request, () -> {
            LegalHold hold = holds.place(request.reference().strip(), request.reason().strip(), request.memberId(),
                    request.category(), actor);
            return Response.created(URI.create("/v1/legal-holds/" + hold.id))
                    .entity(new HoldPlaced(hold.id, hold.reference, hold.memberId, hold.category, hold.placedAt))
                    .build();
        });
    }

    @POST
    @Path("/{holdId}/release")
    @Transactional
    @Operation(summary = "Release a legal hold; what it held and is due expires at once")
    public ReleaseView release(@PathParam("holdId") UUID holdId) {
        LegalHoldService.Released released = holds.release(holdId, currentActor.get().id());
        return new ReleaseView(holdId, released.hold().releasedAt, released.expired());
    }

    @GET
    @Transactional
    @Operation(summary = "Active legal holds")
    public List<HoldView> active() {
        return LegalHold.<LegalHold>list("releasedAt is null order by placedAt").stream().map(HoldView::of).toList();
    }

    @GET
    @Path("/{holdId}")
    @Transactional
    @Operation(summary = "One legal hold, active or released")
    public HoldView one(@PathParam("holdId") UUID holdId) {
        LegalHold hold = LegalHold.findById(holdId);
        if (hold == null) {
            throw ProblemException.notFound("No legal hold " + holdId);
        }
        return HoldView.of(hold);
    }

    private static void validate(PlaceHold request) {
        if (request == null) {
            throw ProblemException.badRequest("A body with reference, reason and a scope is required");
        }
        List<Problem.Violation> violations = new ArrayList<>();
        if (request.reference() == null || request.reference().isBlank()) {
            violations.add(new Problem.Violation("reference", "must not be blank"));
        } else if (request.reference().length() > 255) {
            violations.add(new Problem.Violation("reference", "at most 255 characters"));
        }
        if (request.reason() == null || request.reason().isBlank()) {
            violations.add(new Problem.Violation("reason", "must not be blank"));
        } else if (request.reason().length() > 2000) {
            violations.add(new Problem.Violation("reason", "at most 2000 characters"));
        }
        if (request.memberId() == null && request.category() == null) {
            violations.add(new Problem.Violation("memberId", "a hold needs a scope: memberId, category, or both"));
            violations.add(new Problem.Violation("category", "a hold needs a scope: memberId, category, or both"));
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "validation", "Request is not valid", "The legal hold is not valid",
                    violations, java.util.Map.of());
        }
    }
}
