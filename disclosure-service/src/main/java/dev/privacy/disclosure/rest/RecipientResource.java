package dev.privacy.disclosure.rest;

import dev.privacy.disclosure.domain.Recipient;
import dev.privacy.platform.runtime.security.Roles;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** The registry of third-party recipients, for the privacy officer and compliance. */
@Path("/v1/recipients")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.COMPLIANCE})
@Tag(name = "recipients")
public class RecipientResource {

    public record RecipientView(UUID id, String code, String displayName, String kind) {
    }

    @GET
    @Operation(summary = "Every registered third-party recipient")
    public List<RecipientView> list() {
        return Recipient.<Recipient>listAll(Sort.by("code")).stream()
                .map(r -> new RecipientView(r.id, r.code, r.displayName, r.kind)).toList();
    }
}
