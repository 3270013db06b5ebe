package dev.privacy.member.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacy.member.domain.Address;
import dev.privacy.member.domain.PaymentDetails;
import dev.privacy.platform.runtime.guard.PanGuard;
import dev.privacy.member.service.ServiceApplications;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.platform.runtime.idempotency.IdempotentRequests;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.problem.Violations;
import dev.privacy.platform.runtime.rest.BodyValidation;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Service applications (P01): address and payment token; never a card number. */
@Path("/v1/members/{memberId}/service-applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "service-applications")
public class ServiceApplicationResource {

    @Inject
    ServiceApplications applications;

    @Inject
    BodyValidation validation;

    @Inject
    IdempotentRequests idempotent;

    @Inject
    LookupHashes hashes;

    @Inject
    ObjectMapper json;

    /** Exactly the items of a service application (P01); anything else is refused. */
    @Schema(name = "ServiceApplication")
    public record ApplicationBody(@NotNull @Valid Address address, @NotNull @Valid PaymentDetails payment) {
        @Override
        public String toString() {
            return "ApplicationBody[redacted]";
        }
    }

    @POST
    @RolesAllowed(Roles.MEMBER)
    @Operation(summary = "Apply for the service (active members): address and payment token",
            description = "A body carrying anything that looks like a card number (13 or more digits, spaces, dashes or "
                    + "dots allowed between them, in any field at any depth) is refused with 400 naming the field. "
                    + "Emits ServiceApplied (CONTRACT_RECORDS, PAYMENT_RECORDS). Accepts an Idempotency-Key.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ApplicationBody.class)))
    @APIResponse(responseCode = "201", description = "Applied; Location names the application")
    @APIResponse(responseCode = "400", description = "Invalid fields, or a card number (problem `card-number-refused`)")
    @APIResponse(responseCode = "409", description = "The member is not active (PENDING)")
    public Response apply(@PathParam("memberId") UUID memberId, JsonNode body,
                          @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Makes a retry safe") String key)
            throws JsonProcessingException {
        if (body == null || body.isNull()) {
            throw ProblemException.badRequest("A request body is required");
        }
        // before anything else reads the body: a card number must not reach a validator, a log or a store
        List<String> panFields = PanGuard.panLikePaths(body);
        if (!panFields.isEmpty()) {
            throw new ProblemException(400, "card-number-refused", "Card numbers are not accepted",
                    "Payment information is a processor token with brand and last 4 digits; a value that looks like a "
                            + "card number was refused and not stored",
                    panFields.stream().map(f -> new Problem.Violation(f, "looks like a card number; send the "
                            + "processor token and the last 4 digits only")).toList(), Map.of());
        }
        // unknown fields and wrong shapes leave as 400 problems through the platform's Jackson mappers
        ApplicationBody request = json.treeToValue(body, ApplicationBody.class);
        Violations.refuseIfAny(validation.of(request));
        String fingerprint = hashes.hex("service-application", memberId + "\u0000" + body);
        return idempotent.execute("member-service-application", key, fingerprint, () -> {
            ServiceApplications.Applied applied = applications.apply(memberId, request.address(), request.payment());
            return Response.created(URI.create("/v1/members/" + memberId + "/service-applications/"
                    + applied.applicationId())).entity(applied).build();
        });
    }

    @GET
    @RolesAllowed(Roles.MEMBER)
    @Operation(summary = "The member's own service applications with address and payment hints")
    public List<ServiceApplications.ApplicationView> list(@PathParam("memberId") UUID memberId) {
        return applications.list(memberId);
    }
}
