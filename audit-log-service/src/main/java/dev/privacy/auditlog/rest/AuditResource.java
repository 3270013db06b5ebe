package dev.privacy.auditlog.rest;

import dev.privacy.auditlog.domain.AuditEntry;
import dev.privacy.auditlog.service.AuditChain;
import dev.privacy.platform.runtime.security.Roles;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Read access to the audit chain for compliance staff and the privacy officer. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COMPLIANCE, Roles.PRIVACY_OFFICER})
@Tag(name = "audit")
public class AuditResource {

    @Inject
    AuditChain chain;

    public record EntryView(long sequence, UUID entryId, String sourceTopic, UUID sourceEventId, String sourceType,
                            String sourceService, UUID memberId, Instant occurredAt, Instant recordedAt, String hash,
                            String previousHash) {

        static EntryView of(AuditEntry e) {
            return new EntryView(e.sequence, e.entryId, e.sourceTopic, e.sourceEventId, e.sourceType, e.sourceService,
                    e.memberId, e.occurredAt, e.recordedAt, e.hash, e.previousHash);
        }
    }

    @GET
    @Path("/entries")
    @Operation(summary = "Audit entries in chain order, optionally of one member or one source event")
    public List<EntryView> entries(@QueryParam("memberId") UUID memberId,
                                   @QueryParam("sourceEventId") UUID sourceEventId,
                                   @QueryParam("afterSequence") @DefaultValue("-1") long afterSequence,
                                   @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        StringBuilder query = new StringBuilder("sequence > :after");
        var params = new java.util.HashMap<String, Object>();
        params.put("after", afterSequence);
        if (memberId != null) {
            query.append(" and memberId = :member");
            params.put("member", memberId);
        }
        if (sourceEventId != null) {
            query.append(" and sourceEventId = :event");
            params.put("event", sourceEventId);
        }
        return AuditEntry.<AuditEntry>find(query.toString(), Sort.by("sequence"), params).page(0, limit).list()
                .stream().map(EntryView::of).toList();
    }

    @GET
    @Path("/verification")
    @Operation(summary = "Walk the whole chain and report whether every hash and link holds")
    public AuditChain.Verification verify() {
        return chain.verify();
    }
}
