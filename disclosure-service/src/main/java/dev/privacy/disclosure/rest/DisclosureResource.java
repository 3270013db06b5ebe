package dev.privacy.disclosure.rest;

import dev.privacy.disclosure.domain.DisclosureRequest;
import dev.privacy.disclosure.domain.LedgerEntry;
import dev.privacy.disclosure.service.DisclosureApprovals;
import dev.privacy.disclosure.service.DisclosureExecutor;
import dev.privacy.disclosure.service.DisclosureRequests;
import dev.privacy.platform.events.AccessAction;
import dev.privacy.platform.events.DisclosureBasis;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.runtime.access.AccessRecorder;
import dev.privacy.platform.runtime.idempotency.IdempotentRequests;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.rest.RequestParams;
import dev.privacy.platform.runtime.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Disclosure requests (P10): request, approve, reject, and follow them to the ledger. */
@Path("/v1/disclosures")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "disclosures")
public class DisclosureResource {

    private static final Pattern REASON = Pattern.compile("^[A-Z][A-Z0-9_]{2,63}$");

    @Inject
    DisclosureRequests requests;

    @Inject
    DisclosureApprovals approvals;

    @Inject
    DisclosureExecutor executor;

    @Inject
    IdempotentRequests idempotent;

    @Inject
    AccessRecorder access;

    public record Rejection(String reason) {
    }

    public record LawfulView(String authority, String legalReference, String caseNumber, String documentReference,
                             Instant nondisclosureUntil) {
    }

    public record DisclosureView(UUID id, UUID memberId, UUID recipientId, List<String> fields, Purpose purpose,
                                 DisclosureBasis legalBasis, UUID consentId, LawfulView lawfulRequest, String status,
                                 String requestedBy, int approvalsRequired, List<DisclosureApprovals.Approval> approvals,
                                 Instant approvedAt, String rejectionReason, String rejectedBy, int attempts, String lastError,
                                 Instant executedAt, Instant createdAt, Instant updatedAt) {
    }

    @POST
    @RolesAllowed({Roles.SERVICE, Roles.PRIVACY_OFFICER})
    @Operation(summary = "Request a provision to a recipient, on CONSENT or a LAWFUL_REQUEST",
            description = "Checked at once: the recipient's kind must fit the basis; the fields must be among those "
                    + "the recipient may receive; for CONSENT the member must have a live consent for that recipient "
                    + "and a live membership; no field may be under a pending correction (P13). A refusal is recorded "
                    + "(status REJECTED, DisclosureRejected) and answered with the reason. Purpose: "
                    + "THIRD_PARTY_PROVISION for CONSENT, LAWFUL_DISCLOSURE for LAWFUL_REQUEST.")
    @APIResponse(responseCode = "201", description = "Pending approval; Location names the request")
    @APIResponse(responseCode = "400", description = "Malformed request (violations)")
    @APIResponse(responseCode = "409", description = "fields-restricted: a field is under a pending correction (P13)")
    @APIResponse(responseCode = "422", description = "no-live-consent, member-withdrawn, fields-not-covered, "
            + "basis-not-applicable, recipient-without-endpoint, unknown-recipient")
    public Response request(DisclosureRequests.NewRequest body,
                            @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Makes a retry safe")
                            String idempotencyKey) {
        if (body == null) {
            throw ProblemException.badRequest("A body is required");
        }
        requests.validate(body);
        return idempotent.execute("disclosure-request", idempotencyKey, body, () -> {
            DisclosureRequest d = requests.request(body);
            return Response.created(URI.create("/v1/disclosures/" + d.id)).entity(view(d)).build();
        });
    }

    @GET
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.COMPLIANCE})
    @Operation(summary = "Disclosure requests by status (e.g. PENDING: waiting for approvals), newest first, at most 200")
    public List<DisclosureView> list(@QueryParam("status") @Parameter(description = "PENDING, APPROVED, EXECUTED, REJECTED")
                                     String status) {
        DisclosureRequest.Status parsed = status == null ? DisclosureRequest.Status.PENDING
                : RequestParams.parse("status", status, DisclosureRequest.Status::valueOf,
                        new RequestParams.Refusal("Unknown status", "must be PENDING, APPROVED, EXECUTED or REJECTED"));
        return QuarkusTransaction.requiringNew().call(() -> {
            List<DisclosureRequest> found = DisclosureRequest.<DisclosureRequest>find("status = ?1 order by createdAt desc",
                    parsed).page(0, 200).list();
            // Each listed request is a read about its member (P02), under the request's own purpose.
            found.forEach(d -> access.record(d.memberId, AccessAction.READ, List.of(), d.purpose, d.id.toString()));
            return found.stream().map(this::view).toList();
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.COMPLIANCE, Roles.SERVICE})
    @Operation(summary = "One disclosure request with its approvals and status",
            description = "The member-service checks every release back here (service token, subject member-service): "
                    + "status APPROVED, the same member and purpose, the fields within `fields`, `approvedAt` within its "
                    + "validity. EXECUTED means the release was made: a repeat is refused there.")
    @APIResponse(responseCode = "404", description = "No such disclosure")
    public DisclosureView get(@PathParam("id") UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DisclosureRequest d = require(id);
            access.record(d.memberId, AccessAction.READ, List.of(), d.purpose, d.id.toString());
            return view(d);
        });
    }

    @POST
    @Path("/{id}/approvals")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Approve as a privacy officer: one approval for CONSENT, two different officers for a "
            + "LAWFUL_REQUEST, never the requester. Once approved, the disclosure is executed.")
    @APIResponse(responseCode = "200", description = "The request after this approval (APPROVED or EXECUTED once enough)")
    @APIResponse(responseCode = "403", description = "requester-cannot-approve")
    @APIResponse(responseCode = "404", description = "No such disclosure")
    @APIResponse(responseCode = "409", description = "already-approved (by you), or not-pending")
    public Response approve(@PathParam("id") UUID id,
                            @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Makes a retry safe")
                            String idempotencyKey) {
        Response response = idempotent.execute("disclosure-approval", idempotencyKey, id.toString(),
                () -> Response.ok(view(approvals.approve(id))).build());
        // Executed after the approval committed, outside its transaction; a failure is retried by DueWork.
        if (QuarkusTransaction.requiringNew().call(() -> require(id).status) == DisclosureRequest.Status.APPROVED) {
            executor.execute(id);
            return Response.ok(QuarkusTransaction.requiringNew().call(() -> view(require(id)))).build();
        }
        return response;
    }

    @POST
    @Path("/{id}/rejection")
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Reject as a privacy officer, with a reason code (default REJECTED_BY_OFFICER)")
    @APIResponse(responseCode = "400", description = "The reason is not a code (A-Z, 0-9, _)")
    @APIResponse(responseCode = "409", description = "Already executed or rejected")
    public DisclosureView reject(@PathParam("id") UUID id, Rejection body) {
        String reason = body == null || body.reason() == null ? "REJECTED_BY_OFFICER" : body.reason();
        if (!REASON.matcher(reason).matches()) {
            throw ProblemException.badRequest("The reason must be a code, never free text",
                    new Problem.Violation("reason", "must match " + REASON.pattern()));
        }
        return QuarkusTransaction.requiringNew().call(() -> view(approvals.reject(id, reason)));
    }

    private static DisclosureRequest require(UUID id) {
        DisclosureRequest d = DisclosureRequest.findById(id);
        if (d == null) {
            throw ProblemException.notFound("No disclosure " + id);
        }
        return d;
    }

    private DisclosureView view(DisclosureRequest d) {
        LawfulView lawful = d.basis == DisclosureBasis.LAWFUL_REQUEST
                ? new LawfulView(d.authority, d.legalReference, d.caseNumber, d.documentReference, d.nondisclosureUntil)
                : null;
        LedgerEntry entry = d.status == DisclosureRequest.Status.EXECUTED
                ? LedgerEntry.find("disclosureId", d.id).firstResult() : null;
        return new DisclosureView(d.id, d.memberId, d.recipientId, d.fieldList(), d.purpose, d.basis, d.consentId, lawful,
                d.status.name(), d.requestedBy, d.approvalsRequired(), approvals.approvals(d.id), d.approvedAt, d.rejectionReason,
                d.rejectedBy, d.attempts, d.lastError, entry == null ? null : entry.disclosedAt, d.createdAt, d.updatedAt);
    }
}
