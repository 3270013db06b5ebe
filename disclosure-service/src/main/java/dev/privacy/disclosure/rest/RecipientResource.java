package dev.privacy.disclosure.rest;

import dev.privacy.disclosure.domain.Recipient;
import dev.privacy.disclosure.service.RecipientService;
import dev.privacy.platform.runtime.idempotency.IdempotentRequests;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The registry of third-party recipients: the privacy officer registers, compliance reads. */
@Path("/v1/recipients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "recipients")
public class RecipientResource {

    @Inject
    RecipientService recipients;

    @Inject
    IdempotentRequests idempotent;

    /** What the API shows of a recipient: never the shared secret, only whether one is set. */
    public record RecipientView(UUID id, String code, String displayName, String kind, String contact,
                                List<String> fields, String endpoint, boolean signingSecretSet, Instant createdAt) {
        static RecipientView of(Recipient r) {
            return new RecipientView(r.id, r.code, r.displayName, r.kind, r.contact, r.allowedFieldList(), r.endpoint,
                    r.secretCiphertext != null, r.createdAt);
        }
    }

    @POST
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "Register a recipient: a consented third party (endpoint and signing secret required) "
            + "or an investigative agency",
            description = "fields: the profile fields provision to this recipient may carry (name, loginId, mobile, email). "
                    + "endpoint: HTTPS URL receiving deliveries and correction notices, signed with HMAC-SHA256 under "
                    + "the shared secret (header X-Privacy-Signature: sha256=<hex>). The secret is stored encrypted and "
                    + "never returned.")
    @APIResponse(responseCode = "201", description = "Registered; Location names the recipient")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json with violations)")
    @APIResponse(responseCode = "409", description = "The code is already registered")
    public Response register(RecipientService.Registration body,
                             @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Makes a retry safe")
                             String idempotencyKey) {
        if (body == null) {
            throw ProblemException.badRequest("A body is required");
        }
        recipients.validate(body);
        return idempotent.execute("recipient-register", idempotencyKey, recipients.fingerprint(body), () -> {
            Recipient r = recipients.register(body);
            return Response.created(URI.create("/v1/recipients/" + r.id)).entity(RecipientView.of(r)).build();
        });
    }

    @GET
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.COMPLIANCE})
    @Operation(summary = "Every registered third-party recipient")
    public List<RecipientView> list() {
        return recipients.list().stream().map(RecipientView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.COMPLIANCE})
    @Operation(summary = "One recipient")
    @APIResponse(responseCode = "404", description = "No such recipient")
    public RecipientView get(@PathParam("id") UUID id) {
        return RecipientView.of(recipients.require(id));
    }
}
