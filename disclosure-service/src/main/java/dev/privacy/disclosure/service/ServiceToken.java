package dev.privacy.disclosure.service;

import dev.privacy.disclosure.config.DisclosureConfig;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.runtime.security.Roles;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

/**
 * The bearer token of this service's calls to the member-service, subject {@code disclosure-service}.
 * In prod it comes from a secret; outside prod it is signed here with the platform's signing key
 * ({@code smallrye.jwt.sign.key.location}, the dev key), short-lived.
 */
@ApplicationScoped
public class ServiceToken {

    @Inject
    DisclosureConfig config;

    public String authorization() {
        if (config.serviceToken().isPresent() && !config.serviceToken().get().isBlank()) {
            return "Bearer " + config.serviceToken().get();
        }
        if (!config.signServiceToken()) {
            throw new IllegalStateException("No service token: set privacy.disclosure.service-token");
        }
        return "Bearer " + Jwt.subject(Services.DISCLOSURE).upn(Services.DISCLOSURE).groups(Set.of(Roles.SERVICE))
                .expiresIn(300).sign();
    }
}
