package dev.privacy.member.rest;

import dev.privacy.member.service.LoginService;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Login: a member JWT for an ACTIVE member's login ID and password. */
@Path("/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
public class SessionResource {

    @Inject
    LoginService logins;

    @Schema(name = "Login")
    public record LoginRequest(@NotNull @Size(min = 1, max = 64) String loginId,
                               @NotNull @Size(min = 1, max = 128) @Schema(format = "password") String password) {
        @Override
        public String toString() {
            return "LoginRequest[redacted]";
        }
    }

    @POST
    @PermitAll
    @Operation(summary = "Log in (public): returns a member bearer token")
    @APIResponse(responseCode = "200", description = "Logged in")
    @APIResponse(responseCode = "401", description = "Login failed (the same answer for every reason)")
    @APIResponse(responseCode = "429", description = "Too many failed logins from this IP, or this login ID must wait "
            + "out its backoff at this address; see Retry-After")
    @APIResponse(responseCode = "503", description = "password-hashing-busy: too many password checks at once; see Retry-After")
    public LoginService.Session login(@Valid @NotNull LoginRequest request) {
        return logins.login(request.loginId(), request.password());
    }
}
