package dev.privacy.retention.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Period;

/** The retention-service's settings (application.properties, prefix {@code retention}). */
@ConfigMapping(prefix = "retention")
public interface RetentionConfig {

    /** The policy file on the classpath. */
    @WithDefault("retention-policy.yaml")
    String policyFile();

    Sweep sweep();

    Destruction destruction();

    Window window();

    Certificate certificate();

    interface Sweep {
        /** How often the sweeper runs (the {@code @Scheduled} expression reads the property). */
        @WithDefault("10s")
        String every();

        /** How many due schedules one transaction expires (each replica takes its own batch, SKIP LOCKED). */
        @WithDefault("500")
        int batchSize();
    }

    interface Destruction {
        /** How long an owner has to answer RetentionExpired with DataDestroyed before it is overdue. */
        @WithDefault("P7D")
        Duration answerWithin();
    }

    interface Window {
        /** Rolling windows of log categories move in steps of this size (one RetentionExpired per step). */
        @WithDefault("P1D")
        Period step();
    }

    interface Certificate {
        /**
         * HMAC-SHA256 key of the pseudonymous member reference on destruction certificates,
         * "base64:" followed by at least 32 bytes.
         */
        String memberRefKey();
    }
}
