package dev.privacy.member.service.crypto;

import dev.privacy.member.config.MemberConfig;
import dev.privacy.platform.runtime.crypto.KeyEncryptionKey;
import dev.privacy.platform.runtime.crypto.SubjectKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Per-member data keys of the profile (P09) in {@code member_data_key}, wrapped by {@code member.kek}:
 * destroying a member's key makes every ciphertext of that member unreadable everywhere. The store
 * is the platform's {@link SubjectKeys}; this bean names the table and the KEK.
 */
@ApplicationScoped
public class DataKeys extends SubjectKeys {

    @Inject
    MemberConfig config;

    public DataKeys() {
        super("member_data_key", "data key", true);
    }

    @PostConstruct
    void init() {
        use(KeyEncryptionKey.parse("member.kek (env MEMBER_KEK)", config.kek(), "member-data-key"));
    }
}
