package dev.privacy.retention.rest;

import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.security.CurrentActor;
import dev.privacy.platform.runtime.security.Roles;
import dev.privacy.retention.domain.LegalHold;
import dev.privacy.retention.domain.RetentionSchedule;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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

/** A member's retention schedule (P07, P11): the member sees their own, staff see any. */
@Path("/v1/members/{memberId}/retention-schedule")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schedules")
public class MemberScheduleResource {

    static final List<String> FIELDS = List.of("retentionSchedule");

    @Inject
    CurrentActor currentActor;

    @Inject
    AccessRecorder accessRecorder;

    public record ScheduleView(UUID scheduleId, DataCategory category, String ownerService, String legalBasis,
                               Instant startsAt, Instant expiresAt, String state, boolean held, Instant expiredAt,
                               Instant destroyedAt) {
    }

    public record MemberSchedule(UUID memberId, List<ScheduleView> schedules) {
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER, Roles.COMPLIANCE, Roles.OPS})
    @Transactional
    @Operation(summary = "When each of the member's data categories is destroyed, and on what basis (own only for members)")
    public MemberSchedule schedule(@PathParam("memberId") UUID memberId) {
        currentActor.requireSelfOrStaff(memberId);
        List<ScheduleView> views = RetentionSchedule.ofMember(memberId).stream()
                .map(s -> new ScheduleView(s.id, s.category, s.ownerService, s.legalBasis, s.startsAt, s.expiresAt,
                        s.state.name(), s.state == RetentionSchedule.State.SCHEDULED && LegalHold.holds(s.memberId, s.category),
                        s.expiredAt, s.destroyedAt))
                .toList();
        accessRecorder.record(memberId, AccessAction.READ, FIELDS, Purpose.RETENTION);
        return new MemberSchedule(memberId, views);
    }
}
