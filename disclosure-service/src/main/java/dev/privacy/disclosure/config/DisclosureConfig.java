package dev.privacy.disclosure.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** disclosure-service settings (application.properties, prefix {@code privacy.disclosure}). */
@ConfigMapping(prefix = "privacy.disclosure")
public interface DisclosureConfig {

    /** Base URL of the member-service, which releases the approved fields (disclosure-view). */
    @WithDefault("http://localhost:8081")
    String memberServiceUrl();

    /**
     * Key that encrypts recipients' shared secrets at rest: {@code base64:} and 32 random bytes
     * (AES-256-GCM). From a secret in prod.
     */
    String secretKey();

    /** A service token for the member-service calls, from a secret (prod). */
    Optional<String> serviceToken();

    /**
     * Outside prod: sign a short-lived service token with the platform's signing key (the dev key),
     * as DevTokens does, when no {@link #serviceToken()} is configured.
     */
    @WithDefault("false")
    boolean signServiceToken();

    /** Outside prod: accept plain-HTTP endpoints on the loopback address (test receivers). */
    @WithDefault("false")
    boolean allowLoopbackHttp();

    /** How long one delivery to a recipient may take. */
    @WithDefault("5s")
    Duration deliveryTimeout();

    /** How often due executions and correction notices are looked for. */
    @WithDefault("5s")
    Duration workInterval();

    Retry execution();

    Notices notices();

    interface Retry {
        /** Wait after the first failed attempt; doubled after each further one. */
        @WithDefault("10s")
        Duration retryInitial();

        /** Longest wait between attempts. */
        @WithDefault("10m")
        Duration retryMax();

        /**
         * How long after its approval a disclosure may still be executed; the member-service refuses an
         * older approval ({@code member.disclosure.approval-validity}, the same value). Past it, the
         * request is rejected APPROVAL_EXPIRED and must be requested and approved again.
         */
        @WithDefault("15m")
        Duration approvalValidity();
    }

    interface Notices {
        @WithDefault("10s")
        Duration retryInitial();

        @WithDefault("10m")
        Duration retryMax();

        /** A correction notice not acknowledged within this time is escalated to the privacy desk (P14). */
        @WithDefault("24h")
        Duration escalateAfter();
    }
}
