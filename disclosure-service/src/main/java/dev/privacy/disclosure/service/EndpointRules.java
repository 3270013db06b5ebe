package dev.privacy.disclosure.service;

import dev.privacy.disclosure.config.DisclosureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.Optional;

/**
 * A recipient endpoint must be HTTPS; plain HTTP only to the loopback address, and only where
 * {@code privacy.disclosure.allow-loopback-http} is on (dev and test: the receivers tests start).
 */
@ApplicationScoped
public class EndpointRules {

    @Inject
    DisclosureConfig config;

    /** Why the URL is not acceptable, or empty if it is. */
    public Optional<String> problemWith(String url) {
        return problemWith(url, config.allowLoopbackHttp());
    }

    static Optional<String> problemWith(String url, boolean allowLoopbackHttp) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a URL");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return Optional.of("must be an absolute https URL");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return Optional.empty();
        }
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equalsIgnoreCase(uri.getHost());
        if ("http".equalsIgnoreCase(uri.getScheme()) && loopback && allowLoopbackHttp) {
            return Optional.empty();
        }
        return Optional.of("must be an https URL");
    }
}
