package dev.privacy.consent.rest;

import dev.privacy.consent.service.AudienceService;
import dev.privacy.consent.service.MemberPages;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The marketing audience (P05): only members with a live marketing consent whose membership lasts. */
@Path("/v1/audiences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audiences")
public class AudienceResource {

    @Inject
    AudienceService audiences;

    @GET
    @Path("/marketing")
    @RolesAllowed({Roles.SERVICE, Roles.PRIVACY_OFFICER})
    @Operation(summary = "Member IDs with a live marketing consent, cursor-paged",
            description = "A member who withdrew the consent or the membership is never returned, from the moment "
                    + "the withdrawal committed. Each member returned is an access record (purpose MARKETING).")
    public MemberPages.Page marketing(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return audiences.marketing(cursor, limit);
    }
}
