package dev.privacy.consent.service.crypto;

import dev.privacy.consent.config.ConsentConfig;
import dev.privacy.platform.runtime.crypto.KeyEncryptionKey;
import dev.privacy.platform.runtime.crypto.SubjectKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Per-member keys for guardian contact details (P04, P09) in {@code guardian_data_key}, wrapped by
 * {@code consent.kek}: destroying one (on RetentionExpired of the consent records) makes every copy
 * of the ciphertext unreadable. The store is the platform's {@link SubjectKeys}; this bean names the
 * table and the KEK.
 */
@ApplicationScoped
public class GuardianKeys extends SubjectKeys {

    @Inject
    ConsentConfig config;

    public GuardianKeys() {
        super("guardian_data_key", "guardian data key", false);
    }

    @PostConstruct
    void init() {
        use(KeyEncryptionKey.parse("consent.kek (env CONSENT_KEK)", config.kek(), "guardian-data-key"));
    }
}
