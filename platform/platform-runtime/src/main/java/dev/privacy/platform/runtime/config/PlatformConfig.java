package dev.privacy.platform.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings every service shares; defaults in platform-runtime's microprofile-config.properties. */
@ConfigMapping(prefix = "privacy")
public interface PlatformConfig {

    /** This service's name: the CloudEvents {@code source} and the actor name of its service calls. */
    String service();

    /** The topic this service publishes its domain events to. */
    String eventsTopic();

    Relay relay();

    ClockSettings clock();

    Http http();

    AccessRecords accessRecords();

    /**
     * How access records of reads (P02) reach {@code access.records}. A read changes nothing, so
     * there is no state for its record to commit with: it is sent straight to the broker and the
     * data is released only after the broker acknowledged it. Changes keep their records in the
     * outbox, in the change's own transaction.
     */
    interface AccessRecords {
        /** Send read records straight to the broker; false: every record goes through the outbox. */
        @WithDefault("true")
        boolean direct();

        /** How long a read waits for the broker's acknowledgement before its record goes to the outbox instead. */
        @WithDefault("2s")
        Duration acknowledgementTimeout();

        /** After a send failed, how long reads use the outbox without trying the broker first. */
        @WithDefault("10s")
        Duration outboxAfterFailure();
    }

    interface Http {
        /** Largest request body accepted, in bytes; larger ones get a 413 problem. */
        @WithDefault("65536")
        long maxBodySize();
    }

    interface Relay {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("500")
        int batchSize();

        /** How often an idle relay looks for rows other replicas committed; this replica's own commits wake it at once. */
        @WithDefault("100ms")
        Duration pollInterval();

        @WithDefault("2s")
        Duration errorBackoff();
    }

    interface ClockSettings {
        /** Whether ops may move this service's clock forward. Off in prod. */
        @WithDefault("false")
        boolean adjustable();
    }
}
