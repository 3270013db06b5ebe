package dev.privacy.disclosure.rest;

import dev.privacy.disclosure.domain.LedgerEntry;
import dev.privacy.disclosure.domain.Recipient;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.DisclosureBasis;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.security.CurrentActor;
import dev.privacy.platform.runtime.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The member's view of the ledger (P10, P11): who received which of my fields, when, on what basis. */
@Path("/v1/members/{memberId}/disclosures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "disclosures")
public class MemberDisclosureResource {

    @Inject
    CurrentActor currentActor;

    @Inject
    AccessRecorder access;

    @Inject
    Clock clock;

    public record RecipientRef(UUID id, String code, String displayName, String kind) {
    }

    public record Received(UUID disclosureId, RecipientRef recipient, List<String> fields, DisclosureBasis legalBasis,
                           Purpose purpose, String authority, String legalReference, Instant disclosedAt,
                           Instant nondisclosureUntil) {
    }

    @GET
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER})
    @Operation(summary = "Who received my data: a member their own (404 for another's); privacy officers any",
            description = "A lawful disclosure under a non-disclosure order is not shown to the member until the "
                    + "order's date has passed (service clock).")
    @APIResponse(responseCode = "404", description = "Not your member ID")
    public List<Received> list(@PathParam("memberId") UUID memberId) {
        CurrentActor.Actor actor = currentActor.requireSelfOrStaff(memberId);
        boolean member = actor.role() == ActorRole.MEMBER;
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<LedgerEntry> entries = LedgerEntry.list("memberId = ?1 order by disclosedAt desc", memberId);
            access.record(memberId, AccessAction.READ, List.of(), Purpose.MEMBER_MANAGEMENT, "disclosure-ledger");
            return entries.stream()
                    .filter(e -> !member || e.nondisclosureUntil == null || !e.nondisclosureUntil.isAfter(now))
                    .map(e -> {
                        Recipient r = Recipient.findById(e.recipientId);
                        return new Received(e.disclosureId, new RecipientRef(r.id, r.code, r.displayName, r.kind),
                                e.fieldList(), e.basis, e.purpose, e.authority, e.legalReference, e.disclosedAt,
                                member ? null : e.nondisclosureUntil);
                    }).toList();
        });
    }
}
