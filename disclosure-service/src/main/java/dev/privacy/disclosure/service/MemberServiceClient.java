package dev.privacy.disclosure.service;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** The member-service reads this service is entitled to: the release of approved fields only. */
@RegisterRestClient(configKey = "member-service")
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface MemberServiceClient {

    /**
     * The release for an approved disclosure ({@code disclosureId}) or, for a correction notice (P14),
     * the corrected values ({@code noticeId}); exactly one of the two is sent. The member-service checks
     * either back against this service before it releases anything.
     */
    @GET
    @Path("/members/{memberId}/disclosure-view")
    Response disclosureView(@PathParam("memberId") UUID memberId, @QueryParam("fields") String fields,
                            @QueryParam("purpose") String purpose, @QueryParam("disclosureId") UUID disclosureId,
                            @QueryParam("noticeId") UUID noticeId,
                            @HeaderParam("Authorization") String authorization);

    /** A withdrawn member's fields from the separated store, for an approved lawful request only (P08). */
    @GET
    @Path("/separated-members/{memberId}/lawful-disclosure")
    Response lawfulSeparatedRead(@PathParam("memberId") UUID memberId, @QueryParam("fields") String fields,
                                 @QueryParam("disclosureId") UUID disclosureId,
                                 @HeaderParam("Authorization") String authorization);
}
