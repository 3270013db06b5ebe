package dev.privacy.consent.rest;

import dev.privacy.consent.config.ConsentConfig;
import dev.privacy.consent.service.GuardianConsentService;
import dev.privacy.platform.events.GuardianConfirmationMethod;
import dev.privacy.platform.runtime.idempotency.IdempotentRequests;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.rest.RequestParams;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.PostConstruct;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The guardian consent of a pending under-14 member (P04, P21). Recorded by a privacy officer, who
 * confirmed the legal representative by one of the decree's methods, or by a service (the sign-up
 * front-end's verification backend). Not by the member: a pending member cannot log in.
 */
@Path("/v1/members/{memberId}/guardian-consent")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "guardian-consent")
public class GuardianConsentResource {

    @Inject
    GuardianConsentService guardians;

    @Inject
    IdempotentRequests idempotent;

    @Inject
    ConsentConfig config;

    private SecretKeySpec fingerprintKey;

    @PostConstruct
    void init() {
        String value = config.fingerprintKey().strip();
        if (!value.startsWith("base64:")) {
            throw new IllegalStateException("consent.fingerprint-key must be 'base64:' and at least 32 bytes");
        }
        byte[] raw = Base64.getDecoder().decode(value.substring("base64:".length()));
        if (raw.length < 32) {
            throw new IllegalStateException("consent.fingerprint-key must hold at least 32 bytes");
        }
        fingerprintKey = new SecretKeySpec(raw, "HmacSHA256");
    }

    @Schema(name = "GuardianConsentRequest")
    public record GuardianConsentRequest(
            @Schema(required = true) GuardianConfirmationMethod method,
            @Schema(required = true, description = "Opaque ID of the evidence (verification transaction, scanned form); never contact data")
            String evidenceReference,
            @Schema(required = true, description = "Personal data: stored encrypted, never in events or logs") String guardianName,
            @Schema(required = true, description = "Phone or e-mail; personal data, stored encrypted") String guardianContact) {
        @Override
        public String toString() {
            return "GuardianConsentRequest[redacted]";
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PRIVACY_OFFICER, Roles.SERVICE})
    @Operation(summary = "Record the guardian's consent; emits GuardianConsentConfirmed (member-service activates the member)",
            description = "Accepts an Idempotency-Key. The event carries the method and evidence reference, never the "
                    + "guardian's name or contact.")
    @APIResponse(responseCode = "201", description = "Confirmed")
    @APIResponse(responseCode = "409", description = "No guardian consent required, already confirmed, or membership ended")
    public Response confirm(@PathParam("memberId") UUID memberId, GuardianConsentRequest body,
                            @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Makes a retry safe") String key) {
        validate(body);
        String evidence = body.evidenceReference().strip();
        return idempotent.execute("guardian-consent:" + memberId, key, fingerprint(memberId, body), () -> {
            GuardianConsentService.Confirmed confirmed = guardians.confirm(memberId, body.method(), evidence,
                    body.guardianName().strip(), body.guardianContact().strip());
            return Response.created(URI.create("/v1/members/" + memberId + "/guardian-consent")).entity(confirmed).build();
        });
    }

    @GET
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @Operation(summary = "The guardian consent with the guardian's contact, decrypted (an access record is written)")
    public GuardianConsentService.GuardianView read(@PathParam("memberId") UUID memberId) {
        return guardians.read(memberId);
    }

    private static void validate(GuardianConsentRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("A request body is required");
        }
        List<Problem.Violation> violations = new ArrayList<>();
        if (body.method() == null) {
            violations.add(new Problem.Violation("method", "one of SMS, CARD, PHONE_IDENTITY_CHECK, SIGNED_FORM, EMAIL, PHONE_CALL"));
        }
        text(violations, "evidenceReference", body.evidenceReference(), 100);
        text(violations, "guardianName", body.guardianName(), 200);
        text(violations, "guardianContact", body.guardianContact(), 320);
        String evidence = body.evidenceReference() == null ? null : body.evidenceReference().strip();
        // the reference travels in GuardianConsentConfirmed: an ID code as its schema demands, and
        // never the guardian's e-mail or phone number
        if (evidence != null && !evidence.isEmpty() && (!RequestParams.isReferenceCode(evidence)
                || looksLikePhoneNumber(evidence) || containsContact(evidence, body.guardianContact()))) {
            violations.add(new Problem.Violation("evidenceReference",
                    "an opaque ID (letters, digits, _ . : / -), not an e-mail address or phone number"));
        }
        if (!violations.isEmpty()) {
            violations.sort(java.util.Comparator.comparing(Problem.Violation::field));
            throw ProblemException.badRequest("The guardian consent is not valid", violations.toArray(Problem.Violation[]::new));
        }
    }

    /** Nine or more digits and nothing but phone punctuation: a phone number, not an evidence ID. */
    private static boolean looksLikePhoneNumber(String value) {
        return value.replaceAll("\\D", "").length() >= 9 && value.replaceAll("[\\d\\s+()-]", "").isEmpty();
    }

    private static boolean containsContact(String evidence, String contact) {
        return contact != null && !contact.isBlank() && evidence.contains(contact.strip());
    }

    private static void text(List<Problem.Violation> violations, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            violations.add(new Problem.Violation(field, "must not be blank"));
        } else if (value.length() > max) {
            violations.add(new Problem.Violation(field, "at most " + max + " characters"));
        }
    }

    /** A keyed fingerprint, so the idempotency table holds nothing that can be guessed back to the contact. */
    private String fingerprint(UUID memberId, GuardianConsentRequest body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            String joined = String.join("\u0000", memberId.toString(), body.method().name(), body.evidenceReference(),
                    body.guardianName(), body.guardianContact());
            return HexFormat.of().formatHex(mac.doFinal(joined.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
