package dev.privacy.retention.rest;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.runtime.security.Roles;
import dev.privacy.retention.domain.RetentionSchedule;
import dev.privacy.retention.service.OverdueService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The destruction pipeline as staff see it: what is overdue, and counts by category and state. */
@Path("/v1/retention")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.COMPLIANCE, Roles.OPS})
@Tag(name = "pipeline")
public class PipelineResource {

    private static final int LIMIT = 500;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    public record OverdueView(UUID scheduleId, UUID memberId, DataCategory category, String ownerService,
                              Instant createdBefore, Instant expiredAt, Instant overdueSince) {
    }

    public record CategoryCount(String category, String state, long count) {
    }

    public record Dashboard(Instant now, List<CategoryCount> counts, Instant nextDue, long overdue) {
    }

    @GET
    @Path("/overdue")
    @Transactional
    @Operation(summary = "Expiries whose owner has not answered DataDestroyed in time (oldest first)")
    public List<OverdueView> overdue() {
        return OverdueService.overdue(LIMIT).stream()
                .map(s -> new OverdueView(s.id, s.memberId, s.category, s.ownerService, s.createdBefore, s.expiredAt,
                        s.overdueAt))
                .toList();
    }

    @GET
    @Path("/dashboard")
    @Transactional
    @Operation(summary = "Schedules by category and state, the next expiry due, and how many destructions are overdue")
    public Dashboard dashboard() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "SELECT category, state, count(*) FROM retention_schedule GROUP BY category, state ORDER BY category, state")
                .getResultList();
        List<CategoryCount> counts = rows.stream()
                .map(r -> new CategoryCount((String) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
        RetentionSchedule next = RetentionSchedule.<RetentionSchedule>find("state = ?1 order by expiresAt",
                RetentionSchedule.State.SCHEDULED).firstResult();
        return new Dashboard(clock.instant(), counts, next == null ? null : next.expiresAt, OverdueService.countOverdue());
    }
}
