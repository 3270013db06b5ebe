package dev.privacy.auditlog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Period;

/** The audit log's settings (application.properties, prefix {@code audit}). */
@ConfigMapping(prefix = "audit")
public interface AuditConfig {

    Checkpoint checkpoint();

    Retention retention();

    Review review();

    Export export();

    ComplianceStream complianceStream();

    /** Signed checkpoints of the chain head (Ed25519). Prod takes both keys from a secret. */
    interface Checkpoint {
        /** How often the head is signed (read by the scheduler; e.g. 1m). */
        String interval();

        /** The Ed25519 private key, base64 of its PKCS#8 DER encoding. */
        String privateKey();

        /** The matching public key, base64 of its X.509 DER encoding; published at GET /v1/audit/checkpoints/key. */
        String publicKey();
    }

    /** Retention periods of the log categories, from the policy (P07, P17, P19). */
    interface Retention {
        /** Members' own service logs (SERVICE_LOGS): 3 months. */
        @WithDefault("P3M")
        Period serviceLogs();

        /** Access records of staff and systems (STAFF_ACCESS_RECORDS): 2 years. */
        @WithDefault("P2Y")
        Period staffAccessRecords();
    }

    /** The monthly access review (P19). */
    interface Review {
        /** An actor reading more than this many times the median number of members is an outlier. */
        @WithDefault("3")
        double outlierFactor();

        /** ...and at least this many members (a median of 1 would make 4 reads an outlier). */
        @WithDefault("10")
        int outlierMinimumMembers();
    }

    interface Export {
        /** Largest export in one response; a larger one is refused with 422 (narrow the query or page). */
        @WithDefault("100000")
        int maxEntries();
    }

    /** The compliance stream's relay from the chain (ComplianceStreamRelay); its loop's other settings are {@code privacy.relay.*}. */
    interface ComplianceStream {
        /**
         * Entries per relay step: one SELECT, one producer flush and one cursor update per step. As
         * large as a consumer poll (2,000), so one ingest commit is announced in one step.
         */
        @WithDefault("2000")
        int batchSize();
    }
}
