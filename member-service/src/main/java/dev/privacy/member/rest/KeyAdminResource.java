package dev.privacy.member.rest;

import dev.privacy.member.service.crypto.DataKeys;
import dev.privacy.platform.runtime.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** KEK rotation (P09): after deploying a keyset with a new primary key, re-wrap every data key. */
@Path("/v1/ops/keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
@Tag(name = "ops")
public class KeyAdminResource {

    @Inject
    DataKeys dataKeys;

    public record Rewrapped(int rewrapped, long kekPrimaryKeyId) {
    }

    @POST
    @Path("/rewrap")
    @Operation(summary = "Re-wrap every member data key under the KEK's primary key (no data re-encryption)")
    public Rewrapped rewrap() {
        return new Rewrapped(dataKeys.rewrapAll(), dataKeys.kekPrimaryKeyId());
    }
}
