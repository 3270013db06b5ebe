package dev.privacy.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** consent-service settings; keys come from secrets in prod. */
@ConfigMapping(prefix = "consent")
public interface ConsentConfig {

    /** Classpath resource of the purposes catalogue and its notices (the policy file). */
    @WithDefault("policy/consent-purposes.json")
    String policyFile();

    /**
     * Key-encryption key wrapping each member's guardian data key: a cleartext Tink AEAD keyset JSON,
     * or {@code base64:} and 32 random bytes (one AES-256-GCM key).
     */
    String kek();

    /** HMAC-SHA256 key for Idempotency-Key fingerprints of bodies that carry personal data ({@code base64:} + 32 bytes). */
    String fingerprintKey();

    Audience audience();

    interface Audience {
        /** Page size of the marketing audience when the caller names none. */
        @WithDefault("50")
        int defaultLimit();

        /** Largest page; each returned member is one access record. */
        @WithDefault("200")
        int maxLimit();
    }
}
