package dev.privacy.member.rest;

import dev.privacy.member.domain.Profile;
import dev.privacy.member.service.DisclosureRelease;
import dev.privacy.member.service.FieldRules;
import dev.privacy.member.service.PrivacyDeskService;
import dev.privacy.member.service.ProfileExport;
import dev.privacy.member.service.ProfileService;
import dev.privacy.member.service.SignUpFlow;
import dev.privacy.member.service.SignUpService;
import dev.privacy.member.service.WithdrawalService;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.platform.events.Purpose;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.runtime.idempotency.IdempotentRequests;
import dev.privacy.platform.runtime.problem.Problem;
import dev.privacy.platform.runtime.problem.ProblemException;
import dev.privacy.platform.runtime.problem.Violations;
import dev.privacy.platform.runtime.rest.BodyValidation;
import dev.privacy.platform.runtime.security.CurrentActor;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Members: sign-up (P01, P04), self-service view/modify/export (P11), withdrawal (P06, P08). */
@Path("/v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "members")
public class MemberResource {

    @Inject
    BodyValidation validation;

    @Inject
    dev.privacy.member.config.MemberConfig config;

    @Inject
    LookupHashes hashes;

    @Inject
    IdempotentRequests idempotent;

    @Inject
    SignUpFlow signUps;

    @Inject
    ProfileService profiles;

    @Inject
    ProfileExport exports;

    @Inject
    DisclosureRelease releases;

    @Inject
    WithdrawalService withdrawals;

    @Inject
    PrivacyDeskService desk;

    @Inject
    CurrentActor currentActor;

    /** What a sign-up answers: the new member's ID and status, nothing else. */
    public record SignUpResult(UUID memberId, dev.privacy.platform.events.MemberStatus status) {
    }

    @POST
    @PermitAll
    @Operation(summary = "Sign up (public). Members under 14 stay PENDING until a guardian consents",
            description = "The answer does not tell whether the e-mail address is registered: for a registered one "
                    + "it is the same 201 with a member ID, nothing is created, and the address's owner is sent a "
                    + "notice. A taken login ID is 409 (choose another). Throttled per IP (429 + Retry-After).")
    @APIResponse(responseCode = "201", description = "Accepted; Location names the member")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json with violations)")
    @APIResponse(responseCode = "409", description = "The login ID is taken (violation on loginId)")
    @APIResponse(responseCode = "429", description = "Too many sign-ups from this address; see Retry-After")
    @APIResponse(responseCode = "503", description = "password-hashing-busy: too many password checks at once; see Retry-After")
    public Response signUp(SignUpRequest request,
                           @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Makes a retry safe") String idempotencyKey) {
        List<Problem.Violation> violations = validation.of(request);
        if (violations.stream().noneMatch(v -> v.field().equals("mobile"))) {
            FieldRules.mobileViolation("mobile", request.mobile()).ifPresent(violations::add);
        }
        violations.addAll(FieldRules.passwordViolations(request.password(), request.loginId(), request.email(),
                config.password().minScore()));
        Violations.refuseIfAny(violations);
        Profile profile = new Profile(request.name().strip(), request.loginId().strip(),
                FieldRules.normaliseMobile(request.mobile()).orElseThrow(), request.email().strip());
        // the answer is made, and stored for an Idempotency-Key, in the transaction the registration runs in
        return signUps.signUp(new SignUpFlow.Applicant(profile, request.password(), request.over14()),
                registration -> idempotent.execute("member-sign-up", idempotencyKey, fingerprint(request), () -> {
                    SignUpService.Registered registered = registration.get();
                    return Response.created(URI.create("/v1/members/" + registered.memberId()))
                            .entity(new SignUpResult(registered.memberId(), registered.status())).build();
                }));
    }

    @GET
    @Path("/{memberId}")
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER})
    @Operation(summary = "View a profile: a member their own; a privacy officer must state a purpose",
            description = "Fields under a pending correction (P13) are listed in `restricted`. The member sees them as "
                    + "null; staff get 409 (problem `fields-restricted`, the fields in `violations`) "
                    + "unless the purpose is CORRECTION. Use `fields` to read only some fields. No service reads a profile "
                    + "here (the disclosure-service uses disclosure-view).")
    @APIResponse(responseCode = "404", description = "No such member, or not yours")
    @APIResponse(responseCode = "409", description = "A requested field is restricted by a pending correction")
    public ProfileService.MemberView view(@PathParam("memberId") UUID memberId,
                                          @QueryParam("purpose") @Parameter(description = "Required for staff: "
                                                  + "MEMBER_MANAGEMENT, CONTRACT_AND_BILLING, COMPLAINT_HANDLING or CORRECTION")
                                          String purpose,
                                          @QueryParam("fields") @Parameter(description = "Comma-separated profile fields "
                                                  + "(name, loginId, mobile, email); all when absent") String fields) {
        return profiles.view(memberId, purposeOfRead(purpose), fields == null ? null : profileFields(fields));
    }

    @GET
    @Path("/{memberId}/disclosure-view")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Release profile fields for an approved disclosure (disclosure-service only)",
            description = "Only a service token whose subject is disclosure-service passes (any other caller 403). "
                    + "The release names the approved disclosure in `disclosureId` — or, for the corrected values of "
                    + "a correction notice (P14), the notice in `noticeId` — which goes into the access record's "
                    + "reference. The member must be live (404) and no requested field under a pending correction "
                    + "(409 `fields-restricted`, P13). Then the approval is checked back against the "
                    + "disclosure-service (the caller's word is not taken): APPROVED, the same member and purpose, the "
                    + "fields within the approved ones (else 403 `approval-fields-exceeded` naming them), approved "
                    + "within member.disclosure.approval-validity; an executed disclosure is not released again "
                    + "(409 `approval-used`). The disclosure-service unreachable → 503, nothing released.")
    @APIResponse(responseCode = "400", description = "fields, purpose or disclosureId/noticeId missing or invalid")
    @APIResponse(responseCode = "403", description = "Not the disclosure-service; or approval-unknown, approval-mismatch, "
            + "approval-fields-exceeded")
    @APIResponse(responseCode = "404", description = "No live member")
    @APIResponse(responseCode = "409", description = "fields-restricted (P13); approval-not-approved, approval-used, "
            + "approval-expired")
    @APIResponse(responseCode = "503", description = "approval-unverifiable: the disclosure-service did not confirm it")
    public ProfileService.DisclosureView disclosureView(@PathParam("memberId") UUID memberId,
                                                        @QueryParam("fields") @Parameter(description = "Comma-separated "
                                                                + "profile fields (name, loginId, mobile, email)", required = true)
                                                        String fields,
                                                        @QueryParam("purpose") @Parameter(description = "THIRD_PARTY_PROVISION "
                                                                + "or LAWFUL_DISCLOSURE", required = true) String purpose,
                                                        @QueryParam("disclosureId") @Parameter(description = "The approved "
                                                                + "disclosure this release serves") String disclosureId,
                                                        @QueryParam("noticeId") @Parameter(description = "Instead of "
                                                                + "disclosureId: the correction notice (P14) whose corrected "
                                                                + "values are read") String noticeId) {
        // the release of live profile values opens to one caller: the service that holds the approvals (P10)
        currentActor.requireService(Services.DISCLOSURE);
        if (fields == null || fields.isBlank()) {
            throw ProblemException.badRequest("The fields to release are required",
                    new Problem.Violation("fields", "is required; comma-separated of " + String.join(", ", Profile.FIELDS)));
        }
        Purpose parsed = DisclosureRelease.PURPOSES.stream().filter(p -> p.name().equals(purpose)).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("A disclosure purpose is required",
                        new Problem.Violation("purpose", "must be THIRD_PARTY_PROVISION or LAWFUL_DISCLOSURE")));
        ReleaseReference reference = ReleaseReference.parseEither(disclosureId, noticeId);
        List<String> requested = profileFields(fields);
        return reference.notice()
                ? releases.forNotice(memberId, requested, parsed, reference.id())
                : releases.forDisclosure(memberId, requested, parsed, reference.id());
    }

    @GET
    @Path("/{memberId}/cases")
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER})
    @Operation(summary = "The member's privacy-desk cases (complaints and requests) with their status and deadline")
    public List<PrivacyDeskService.CaseView> cases(@PathParam("memberId") UUID memberId) {
        return desk.ofMember(memberId);
    }

    @PATCH
    @Path("/{memberId}")
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER})
    @Operation(summary = "Modify name, mobile or e-mail; emits CorrectionApplied with the changed field names")
    public ProfileService.MemberView modify(@PathParam("memberId") UUID memberId, ProfileChange change) {
        List<Problem.Violation> violations = validation.of(change);
        FieldRules.mobileViolation("mobile", change.mobile()).ifPresent(violations::add);
        if (change.name() != null && change.name().isBlank()) {
            violations.add(new Problem.Violation("name", "must not be blank"));
        }
        if (change.name() == null && change.mobile() == null && change.email() == null) {
            violations.add(new Problem.Violation("body", "name, mobile or email is required"));
        }
        Violations.refuseIfAny(violations);
        Purpose purpose = currentActor.get().isStaff() ? Purpose.CORRECTION : Purpose.MEMBER_MANAGEMENT;
        String mobile = FieldRules.normaliseMobile(change.mobile()).orElse(null);
        return profiles.modify(memberId, change.name() == null ? null : change.name().strip(), mobile,
                change.email() == null ? null : change.email().strip(), purpose);
    }

    @GET
    @Path("/{memberId}/export")
    @RolesAllowed(Roles.MEMBER)
    @Operation(summary = "Download my data: everything this service holds about me, as JSON")
    public Response export(@PathParam("memberId") UUID memberId) {
        return Response.ok(exports.export(memberId))
                .header("Content-Disposition", "attachment; filename=\"member-" + memberId + ".json\"")
                .build();
    }

    @DELETE
    @Path("/{memberId}")
    @RolesAllowed({Roles.MEMBER, Roles.PRIVACY_OFFICER})
    @Operation(summary = "Withdraw (Exit member): login ends at once, retained data moves to the separated store")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    public Response withdraw(@PathParam("memberId") UUID memberId) {
        withdrawals.withdraw(memberId);
        return Response.noContent().build();
    }

    private Purpose purposeOfRead(String purpose) {
        CurrentActor.Actor actor = currentActor.get();
        if (actor.role() == dev.privacy.platform.events.ActorRole.MEMBER) {
            return Purpose.MEMBER_MANAGEMENT;
        }
        String allowed = ProfileService.STAFF_READ_PURPOSES.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
        if (purpose == null || purpose.isBlank()) {
            throw ProblemException.badRequest("Staff and services must state the purpose of a read",
                    new Problem.Violation("purpose", "is required; one of " + allowed));
        }
        Purpose parsed = Arrays.stream(Purpose.values()).filter(p -> p.name().equals(purpose)).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("Unknown purpose",
                        new Problem.Violation("purpose", "must be one of " + allowed)));
        if (!ProfileService.STAFF_READ_PURPOSES.contains(parsed)) {
            throw ProblemException.badRequest("This purpose does not allow reading a profile",
                    new Problem.Violation("purpose", "must be one of " + allowed));
        }
        return parsed;
    }

    /** Profile field names from a comma-separated list; 400 for an unknown one. */
    static List<String> profileFields(String fields) {
        List<String> names = Arrays.stream(fields.split(",")).map(String::strip).filter(f -> !f.isEmpty()).distinct().toList();
        List<Problem.Violation> unknown = names.stream().filter(f -> !Profile.FIELDS.contains(f))
                .map(f -> new Problem.Violation("fields", "unknown field " + f + "; one of " + String.join(", ", Profile.FIELDS)))
                .toList();
        if (names.isEmpty() || !unknown.isEmpty()) {
            throw ProblemException.badRequest("Unknown profile fields", unknown.isEmpty()
                    ? new Problem.Violation[]{new Problem.Violation("fields", "must name at least one field")}
                    : unknown.toArray(Problem.Violation[]::new));
        }
        return names;
    }

    /** A keyed fingerprint of the request for Idempotency-Key matching: no plaintext, no unsalted hash of it. */
    private String fingerprint(SignUpRequest r) {
        return hashes.hex("sign-up-request", String.join("\u0000", r.name(), r.loginId(), r.password(),
                r.mobile(), r.email(), String.valueOf(r.over14())));
    }
}
