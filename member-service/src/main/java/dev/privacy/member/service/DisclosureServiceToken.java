package dev.privacy.member.service;

import dev.privacy.member.config.MemberConfig;
import dev.privacy.platform.events.Services;
import dev.privacy.platform.runtime.security.Roles;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

/**
 * The bearer token of this service's calls to the disclosure-service (role service, subject
 * {@code member-service}). In prod it comes from a secret ({@code MEMBER_SERVICE_TOKEN}, issued by the
 * identity provider); outside prod it is signed here with the platform's dev key, short-lived.
 */
@ApplicationScoped
public class DisclosureServiceToken {

    @Inject
    MemberConfig config;

    public String authorization() {
        var configured = config.disclosure().serviceToken();
        if (configured.isPresent() && !configured.get().isBlank()) {
            return "Bearer " + configured.get().strip();
        }
        if (!config.disclosure().signServiceToken()) {
            throw new IllegalStateException("No service token: set member.disclosure.service-token");
        }
        return "Bearer " + Jwt.subject(Services.MEMBER).upn(Services.MEMBER).groups(Set.of(Roles.SERVICE))
                .expiresIn(300).sign();
    }
}
