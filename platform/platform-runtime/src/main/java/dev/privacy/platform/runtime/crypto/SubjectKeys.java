package dev.privacy.platform.runtime.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.privacy.platform.runtime.persistence.SubjectStatements;
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
 * Per-subject data keys (P09) in one table of the service's database: one Tink AES-256-GCM keyset
 * per member, stored only wrapped by the KEK, with the member ID as associated data (a wrapped key
 * cannot be moved to another member). Destroying a member's key (crypto-shredding) makes every
 * ciphertext under it unreadable everywhere. Keys are unwrapped per use and never cached, so
 * destruction takes effect at once.
 *
 * <p>A service's store is a bean that extends this class, names its table and what its keys are
 * (in messages), and hands over its KEK once it is configured ({@link #use}), e.g.
 * <pre>{@code
 * @ApplicationScoped
 * public class DataKeys extends SubjectKeys {
 *     @Inject MemberConfig config;
 *     public DataKeys() { super("member_data_key", "data key", true); }
 *     @PostConstruct void init() { use(KeyEncryptionKey.parse("member.kek (env MEMBER_KEK)", config.kek(), "member-data-key")); }
 * }
 * }</pre>
 * The table: {@code member_id UUID PRIMARY KEY, wrapped_key BYTEA, kek_key_id BIGINT,
 * created_at TIMESTAMPTZ}, and {@code rewrapped_at TIMESTAMPTZ} if the store records re-wrapping.
 */
public abstract class SubjectKeys {

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    private final String table;
    private final String label;
    private final boolean recordsRewrap;
    private KeyEncryptionKey kek;

    /**
     * @param table         the table of the wrapped keys
     * @param label         what the keys are, in messages ("data key", "guardian data key")
     * @param recordsRewrap whether the table has {@code rewrapped_at}, set by {@link #rewrapAll}
     */
    protected SubjectKeys(String table, String label, boolean recordsRewrap) {
        this.table = table;
        this.label = label;
        this.recordsRewrap = recordsRewrap;
    }

    /** The KEK that wraps this store's keys; called once, from the bean's {@code @PostConstruct}. */
    protected void use(KeyEncryptionKey keyEncryptionKey) {
        this.kek = keyEncryptionKey;
    }

    /** Creates, wraps and stores a new key for the member; returns it ready to use. */
    @Transactional(Transactional.TxType.MANDATORY)
    public MemberCipher create(UUID memberId) {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] wrapped = kek.wrap(handle, memberId);
            entityManager.createNativeQuery("""
                            INSERT INTO %s (member_id, wrapped_key, kek_key_id, created_at)
                            VALUES (?1, ?2, ?3, ?4)""".formatted(table))
                    .setParameter(1, memberId).setParameter(2, wrapped).setParameter(3, kek.primaryKeyId())
                    .setParameter(4, Timestamp.from(clock.instant()))
                    .executeUpdate();
            return new MemberCipher(memberId, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create a " + label, e);
        }
    }

    /** The member's key, created on first use. */
    @Transactional(Transactional.TxType.MANDATORY)
    public MemberCipher forMember(UUID memberId) {
        return of(memberId).orElseGet(() -> create(memberId));
    }

    /** The member's key, or empty once it was destroyed (or never created). */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<MemberCipher> of(UUID memberId) {
        List<?> rows = entityManager.createNativeQuery("SELECT wrapped_key FROM " + table + " WHERE member_id = ?1")
                .setParameter(1, memberId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MemberCipher(memberId, unwrap(memberId, (byte[]) rows.get(0))));
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public boolean exists(UUID memberId) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM " + table + " WHERE member_id = ?1")
                .setParameter(1, memberId).getSingleResult()).longValue() > 0;
    }

    public MemberCipher require(UUID memberId) {
        return of(memberId).orElseThrow(() -> new IllegalStateException("No " + label + " for member " + memberId));
    }

    /** Crypto-shredding: deletes the member's key. True if there was one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean destroy(UUID memberId) {
        return entityManager.createNativeQuery("DELETE FROM " + table + " WHERE member_id = ?1")
                .setParameter(1, memberId).executeUpdate() == 1;
    }

    /** Set-based {@link #destroy}: the members among {@code memberIds} whose key there was. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> destroyAll(Collection<UUID> memberIds) {
        return SubjectStatements.countPerSubject(entityManager,
                "DELETE FROM " + table + " WHERE member_id = ANY(?) RETURNING member_id", memberIds).keySet();
    }

    /** What {@link #destroyAll(Collection, Collection)} found: of the subjects asked about, whose key it destroyed and whose remains. */
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
                WITH destroyed AS (DELETE FROM %1$s WHERE member_id = ANY(?) RETURNING member_id)
                SELECT k.member_id, d.member_id IS NOT NULL
                FROM %1$s k LEFT JOIN destroyed d ON d.member_id = k.member_id
                WHERE k.member_id = ANY(?)""".formatted(table), List.of(unused, subjects), rows -> {
            while (rows.next()) {
                (rows.getBoolean(2) ? destroyed : remaining).add(rows.getObject(1, UUID.class));
            }
        });
        return new KeyStates(destroyed, remaining);
    }

    /**
     * Re-wraps every key not yet wrapped under the KEK's current primary key (after a KEK
     * rotation). The data ciphertexts are untouched.
     */
    @Transactional
    public int rewrapAll() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT member_id, wrapped_key FROM " + table + " WHERE kek_key_id <> ?1 FOR UPDATE")
                .setParameter(1, kek.primaryKeyId()).getResultList();
        String update = "UPDATE " + table + " SET wrapped_key = ?2, kek_key_id = ?3"
                + (recordsRewrap ? ", rewrapped_at = ?4" : "") + " WHERE member_id = ?1";
        for (Object[] row : rows) {
            UUID memberId = (UUID) row[0];
            try {
                byte[] wrapped = kek.rewrap((byte[]) row[1], memberId);
                var statement = entityManager.createNativeQuery(update)
                        .setParameter(1, memberId).setParameter(2, wrapped).setParameter(3, kek.primaryKeyId());
                if (recordsRewrap) {
                    statement.setParameter(4, Timestamp.from(clock.instant()));
                }
                statement.executeUpdate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot re-wrap the " + label + " of member " + memberId, e);
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
            throw new IllegalStateException("Cannot unwrap the " + label + " of member " + memberId, e);
        }
    }
}
