package dev.privacy.consent.service.crypto;

import dev.privacy.platform.runtime.persistence.SubjectStatements;
import dev.privacy.platform.runtime.crypto.KeyEncryptionKey;
import dev.privacy.platform.runtime.crypto.MemberCipher;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.privacy.consent.config.ConsentConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Per-member keys for guardian contact details (P04, P09): one AES-256-GCM Tink keyset per member,
 * stored only wrapped by the KEK. Destroying it (on RetentionExpired of the consent records) makes
 * every copy of the ciphertext unreadable. Unwrapped per use, never cached.
 */
@ApplicationScoped
public class GuardianKeys {

    @Inject
    EntityManager entityManager;

    @Inject
    ConsentConfig config;

    @Inject
    Clock clock;

    KeyEncryptionKey kek;

    @PostConstruct
    void init() {
        kek = KeyEncryptionKey.parse("consent.kek (env CONSENT_KEK)", config.kek(), "guardian-data-key");
    }

    /** The member's key, created on first use. */
    @Transactional(Transactional.TxType.MANDATORY)
    public MemberCipher forMember(UUID memberId) {
        return of(memberId).orElseGet(() -> create(memberId));
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<MemberCipher> of(UUID memberId) {
        List<?> rows = entityManager.createNativeQuery("SELECT wrapped_key FROM guardian_data_key WHERE member_id = ?1")
                .setParameter(1, memberId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            Aead aead = kek.unwrap((byte[]) rows.get(0), memberId).getPrimitive(RegistryConfiguration.get(), Aead.class);
            return Optional.of(new MemberCipher(memberId, aead));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot unwrap the guardian data key of member " + memberId, e);
        }
    }

    /** Crypto-shredding: true if there was a key. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean destroy(UUID memberId) {
        return entityManager.createNativeQuery("DELETE FROM guardian_data_key WHERE member_id = ?1")
                .setParameter(1, memberId).executeUpdate() == 1;
    }

    /** Set-based {@link #destroy}: the members among {@code memberIds} whose key there was. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> destroyAll(Collection<UUID> memberIds) {
        return SubjectStatements.countPerSubject(entityManager,
                "DELETE FROM guardian_data_key WHERE member_id = ANY(?) RETURNING member_id", memberIds).keySet();
    }

    private MemberCipher create(UUID memberId) {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            entityManager.createNativeQuery("""
                            INSERT INTO guardian_data_key (member_id, wrapped_key, kek_key_id, created_at)
                            VALUES (?1, ?2, ?3, ?4)""")
                    .setParameter(1, memberId).setParameter(2, kek.wrap(handle, memberId))
                    .setParameter(3, kek.primaryKeyId()).setParameter(4, Timestamp.from(clock.instant()))
                    .executeUpdate();
            return new MemberCipher(memberId, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create a guardian data key", e);
        }
    }
}
