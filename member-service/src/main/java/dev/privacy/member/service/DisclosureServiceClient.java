package dev.privacy.member.service;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** The disclosure-service reads this service needs: the approval a release claims to serve (P10). */
@RegisterRestClient(configKey = "disclosure-service")
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface DisclosureServiceClient {

    @GET
    @Path("/disclosures/{id}")
    Response disclosure(@PathParam("id") UUID disclosureId, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/correction-notices/{id}")
    Response correctionNotice(@PathParam("id") UUID noticeId, @HeaderParam("Authorization") String authorization);
}
