package dev.privacy.member.rest;

import dev.privacy.member.service.FraudReviewService;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Sign-ups flagged by the fraud-prevention check (a match with a separated member), for staff review. */
@Path("/v1/fraud-reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Tag(name = "fraud-review")
public class FraudReviewResource {

    @Inject
    FraudReviewService reviews;

    @GET
    @Operation(summary = "Sign-ups awaiting a fraud review, oldest first (IDs and dates only)")
    public List<FraudReviewService.FlaggedSignUp> awaitingReview() {
        return reviews.awaitingReview();
    }

    @POST
    @Path("/{memberId}/clear")
    @Operation(summary = "Clear a reviewed sign-up's flag (access record UPDATE fraudReview, FRAUD_PREVENTION)")
    @APIResponse(responseCode = "404", description = "The member is not flagged (or not a live member)")
    public FraudReviewService.Cleared clear(@PathParam("memberId") UUID memberId) {
        return reviews.clear(memberId);
    }
}
