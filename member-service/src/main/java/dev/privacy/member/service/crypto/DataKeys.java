package dev.privacy.member.service.crypto;

import dev.privacy.platform.runtime.persistence.SubjectStatements;
import dev.privacy.platform.runtime.crypto.KeyEncryptionKey;
import dev.privacy.platform.runtime.crypto.MemberCipher;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.privacy.member.config.MemberConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Per-member data keys (P09): one Tink AES-256-GCM keyset per member, stored only wrapped by the
 * KEK, with the member ID as associated data (a wrapped key cannot be moved to another member).
 * Destroying a member's key makes every ciphertext of that member unreadable everywhere.
 * Keys are unwrapped per use and never cached, so destruction takes effect at once.
 */
@ApplicationScoped
public class DataKeys {

    @Inject
    EntityManager entityManager;

    @Inject
    MemberConfig config;

    @Inject
    Clock clock;

    KeyEncryptionKey kek;

    @PostConstruct
    void init() {
        kek = KeyEncryptionKey.parse("member.kek (env MEMBER_KEK)", config.kek(), "member-data-key");
    }

    /** Creates, wraps and stores a new data key for the member; returns it ready to use. */
    @Transactional(Transactional.TxType.MANDATORY)
    public MemberCipher create(UUID memberId) {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] wrapped = kek.wrap(handle, memberId);
            entityManager.createNativeQuery("""
                            INSERT INTO member_data_key (member_id, wrapped_key, kek_key_id, created_at)
                            VALUES (?1, ?2, ?3, ?4)""")
                    .setParameter(1, memberId).setParameter(2, wrapped).setParameter(3, kek.primaryKeyId())
                    .setParameter(4, Timestamp.from(clock.instant()))
                    .executeUpdate();
            return new MemberCipher(memberId, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create a data key", e);
        }
    }

    /** The member's data key, or empty once it was destroyed. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<MemberCipher> of(UUID memberId) {
        List<?> rows = entityManager.createNativeQuery("SELECT wrapped_key FROM member_data_key WHERE member_id = ?1")
                .setParameter(1, memberId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MemberCipher(memberId, unwrap(memberId, (byte[]) rows.get(0))));
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public boolean exists(UUID memberId) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM member_data_key WHERE member_id = ?1")
                .setParameter(1, memberId).getSingleResult()).longValue() > 0;
    }

    public MemberCipher require(UUID memberId) {
        return of(memberId).orElseThrow(() -> new IllegalStateException("No data key for member " + memberId));
    }

    /** Crypto-shredding: deletes the member's data key. True if there was one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean destroy(UUID memberId) {
        return entityManager.createNativeQuery("DELETE FROM member_data_key WHERE member_id = ?1")
                .setParameter(1, memberId).executeUpdate() == 1;
    }

    /** What {@link #destroyAll} found: of the subjects asked about, whose key it destroyed and whose remains. */
    public record KeyStates(Set<UUID> destroyed, Set<UUID> remaining) {
    }

    /**
     * Set-based {@link #destroy} and {@link #exists} for a batch: destroys the keys of {@code unused}
     * and says, of {@code subjects} (which include them), whose key that destroyed and whose remains.
     * One statement: the outer SELECT sees the keys as they were before the CTE's DELETE.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public KeyStates destroyAll(Collection<UUID> unused, Collection<UUID> subjects) {
        Set<UUID> destroyed = new HashSet<>();
        Set<UUID> remaining = new HashSet<>();
        if (subjects.isEmpty()) {
            return new KeyStates(destroyed, remaining);
        }
        SubjectStatements.run(entityManager, """
                WITH destroyed AS (DELETE FROM member_data_key WHERE member_id = ANY(?) RETURNING member_id)
                SELECT k.member_id, d.member_id IS NOT NULL
                FROM member_data_key k LEFT JOIN destroyed d ON d.member_id = k.member_id
                WHERE k.member_id = ANY(?)""", List.of(unused, subjects), rows -> {
            while (rows.next()) {
                (rows.getBoolean(2) ? destroyed : remaining).add(rows.getObject(1, UUID.class));
            }
        });
        return new KeyStates(destroyed, remaining);
    }

    /**
     * Re-wraps every data key not yet wrapped under the KEK's current primary key (after a KEK
     * rotation). The data ciphertexts are untouched.
     */
    @Transactional
    public int rewrapAll() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT member_id, wrapped_key FROM member_data_key WHERE kek_key_id <> ?1 FOR UPDATE")
                .setParameter(1, kek.primaryKeyId()).getResultList();
        for (Object[] row : rows) {
            UUID memberId = (UUID) row[0];
            try {
                byte[] wrapped = kek.rewrap((byte[]) row[1], memberId);
                entityManager.createNativeQuery("""
                                UPDATE member_data_key SET wrapped_key = ?2, kek_key_id = ?3, rewrapped_at = ?4
                                WHERE member_id = ?1""")
                        .setParameter(1, memberId).setParameter(2, wrapped).setParameter(3, kek.primaryKeyId())
                        .setParameter(4, Timestamp.from(clock.instant())).executeUpdate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot re-wrap the data key of member " + memberId, e);
            }
        }
        return rows.size();
    }

    public long kekPrimaryKeyId() {
        return kek.primaryKeyId();
    }

    private Aead unwrap(UUID memberId, byte[] wrapped) {
        try {
            return kek.unwrap(wrapped, memberId).getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot unwrap the data key of member " + memberId, e);
        }
    }
}
