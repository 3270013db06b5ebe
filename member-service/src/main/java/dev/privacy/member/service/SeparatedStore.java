package dev.privacy.member.service;

import dev.privacy.platform.runtime.persistence.SubjectStatements;
import dev.privacy.platform.runtime.persistence.Timestamps;
import dev.privacy.member.config.MemberConfig;
import dev.privacy.member.domain.Member;
import dev.privacy.member.domain.PaymentRecord;
import dev.privacy.member.domain.Profile;
import dev.privacy.member.domain.ServiceApplication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The separated store of withdrawn members (P08): schema {@code separated}, owned by its own
 * database role. This class is the only code that reaches it, and only as that role
 * ({@code SET LOCAL ROLE}), for exactly four uses: moving a withdrawn member's retained data in,
 * the fraud-prevention check at sign-up, the read for an approved lawful disclosure (P10, through
 * {@link SeparatedDisclosureService} only), and destruction when a retention period ends.
 * No normal API reads from it; the two reads are logged as access records by their callers.
 */
@ApplicationScoped
public class SeparatedStore {

    @Inject
    EntityManager entityManager;

    @Inject
    MemberConfig config;

    /**
     * Moves the retained data of a withdrawn member in (ciphertexts stay under the member's data key).
     * {@code restrictedFields} were under a pending correction at withdrawal and stay restricted (P13).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void separate(Member member, Set<String> restrictedFields, Instant contractEndedAt, String withdrawnByRole) {
        asSeparatedRole(() -> {
            entityManager.createNativeQuery("""
                            INSERT INTO separated.member_profile (member_id, login_id_hash, email_hash, name_ct,
                                login_id_ct, mobile_ct, email_ct, registered_at, separated_at, restricted_fields)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, string_to_array(?10, ','))""")
                    .setParameter(1, member.id).setParameter(2, member.loginIdHash).setParameter(3, member.emailHash)
                    .setParameter(4, member.nameCt).setParameter(5, member.loginIdCt).setParameter(6, member.mobileCt)
                    .setParameter(7, member.emailCt).setParameter(8, Timestamp.from(member.createdAt))
                    .setParameter(9, Timestamp.from(contractEndedAt))
                    .setParameter(10, String.join(",", restrictedFields))
                    .executeUpdate();
            entityManager.createNativeQuery("""
                            INSERT INTO separated.contract_record (member_id, registered_at, contract_ended_at, withdrawn_by_role)
                            VALUES (?1, ?2, ?3, ?4)""")
                    .setParameter(1, member.id).setParameter(2, Timestamp.from(member.createdAt))
                    .setParameter(3, Timestamp.from(contractEndedAt)).setParameter(4, withdrawnByRole)
                    .executeUpdate();
            return null;
        });
    }

    /**
     * Moves the member's service applications and payment records in (CONTRACT_RECORDS and
     * PAYMENT_RECORDS keep their 5-year clocks); the caller deletes the live rows.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void separateApplications(List<ServiceApplication> applications, List<PaymentRecord> payments,
                                     Instant separatedAt) {
        if (applications.isEmpty() && payments.isEmpty()) {
            return;
        }
        asSeparatedRole(() -> {
            for (ServiceApplication a : applications) {
                entityManager.createNativeQuery("""
                                INSERT INTO separated.service_application (id, member_id, address_ct, applied_at, separated_at)
                                VALUES (?1, ?2, ?3, ?4, ?5)""")
                        .setParameter(1, a.id).setParameter(2, a.memberId).setParameter(3, a.addressCt)
                        .setParameter(4, Timestamp.from(a.appliedAt)).setParameter(5, Timestamp.from(separatedAt))
                        .executeUpdate();
            }
            for (PaymentRecord p : payments) {
                entityManager.createNativeQuery("""
                                INSERT INTO separated.payment_record (id, application_id, member_id, payment_ct, recorded_at,
                                    separated_at)
                                VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                        .setParameter(1, p.id).setParameter(2, p.applicationId).setParameter(3, p.memberId)
                        .setParameter(4, p.paymentCt).setParameter(5, Timestamp.from(p.recordedAt))
                        .setParameter(6, Timestamp.from(separatedAt))
                        .executeUpdate();
            }
            return null;
        });
    }

    /** Fraud-prevention check (P07, P08): the separated members whose login ID or e-mail hash matches. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> matching(byte[] loginIdHash, byte[] emailHash) {
        return asSeparatedRole(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> ids = entityManager.createNativeQuery(
                            "SELECT member_id FROM separated.member_profile WHERE login_id_hash = ?1 OR email_hash = ?2")
                    .setParameter(1, loginIdHash).setParameter(2, emailHash).getResultList();
            return ids;
        });
    }

    /** The ciphertext columns of {@code separated.member_profile}, by profile field name (a fixed whitelist). */
    private static final Map<String, String> PROFILE_COLUMNS = Map.of(Profile.NAME, "name_ct",
            Profile.LOGIN_ID, "login_id_ct", Profile.MOBILE, "mobile_ct", Profile.EMAIL, "email_ct");

    /**
     * The still-encrypted profile fields of a separated member, as read for a lawful disclosure;
     * {@code ciphertexts} holds only the fields that were asked for and are not restricted;
     * {@code restricted} names the requested fields that were under correction at withdrawal (P13).
     */
    public record SeparatedProfile(UUID memberId, Map<String, byte[]> ciphertexts, Set<String> restricted,
                                   Instant separatedAt) {
        @Override
        public String toString() {
            return "SeparatedProfile[" + memberId + ", fields " + ciphertexts.keySet() + "]";
        }
    }

    /**
     * Read for an approved lawful disclosure (P08, P10): only the ciphertexts of the requested
     * profile fields (no other column is selected), none of a restricted field; empty when the
     * member is not in the separated store (live, unknown, or destroyed). The caller refuses
     * restricted fields, decrypts the rest and records the access.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<SeparatedProfile> profileForLawfulDisclosure(UUID memberId, Collection<String> fields) {
        List<String> requested = Profile.FIELDS.stream().filter(fields::contains).toList();
        if (requested.isEmpty() || requested.size() != fields.stream().distinct().count()) {
            throw new IllegalArgumentException("profile fields required, got " + fields);
        }
        // a restricted field's ciphertext is not even selected: NULL in its place
        String columns = String.join(", ", requested.stream()
                .map(f -> "CASE WHEN '" + f + "' = ANY(restricted_fields) THEN NULL ELSE " + PROFILE_COLUMNS.get(f) + " END")
                .toList());
        return asSeparatedRole(() -> {
            List<?> rows = entityManager.createNativeQuery("SELECT separated_at, array_to_string(restricted_fields, ','), "
                            + columns + " FROM separated.member_profile WHERE member_id = ?1")
                    .setParameter(1, memberId).getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Object[] row = (Object[]) rows.get(0);
            Set<String> restrictedAtWithdrawal = Set.copyOf(List.of(((String) row[1]).split(",")));
            Map<String, byte[]> ciphertexts = new LinkedHashMap<>();
            Set<String> restricted = new LinkedHashSet<>();
            for (int i = 0; i < requested.size(); i++) {
                if (restrictedAtWithdrawal.contains(requested.get(i))) {
                    restricted.add(requested.get(i));
                } else {
                    ciphertexts.put(requested.get(i), (byte[]) row[i + 2]);
                }
            }
            return Optional.of(new SeparatedProfile(memberId, ciphertexts, restricted, Timestamps.toInstant(row[0])));
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int destroyProfile(UUID memberId) {
        return asSeparatedRole(() -> entityManager
                .createNativeQuery("DELETE FROM separated.member_profile WHERE member_id = ?1")
                .setParameter(1, memberId).executeUpdate());
    }

    /** CONTRACT_RECORDS: the contract/withdrawal record and the service applications (addresses). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int destroyContractRecord(UUID memberId) {
        return asSeparatedRole(() -> entityManager
                .createNativeQuery("DELETE FROM separated.contract_record WHERE member_id = ?1")
                .setParameter(1, memberId).executeUpdate()
                + entityManager.createNativeQuery("DELETE FROM separated.service_application WHERE member_id = ?1")
                .setParameter(1, memberId).executeUpdate());
    }

    /** PAYMENT_RECORDS: the payment records (processor tokens and display hints). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int destroyPaymentRecords(UUID memberId) {
        return asSeparatedRole(() -> entityManager
                .createNativeQuery("DELETE FROM separated.payment_record WHERE member_id = ?1")
                .setParameter(1, memberId).executeUpdate());
    }

    /** Whether any encrypted data of the member remains here (which keeps the data key alive). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean holdsEncryptedData(UUID memberId) {
        return asSeparatedRole(() -> ((Number) entityManager
                .createNativeQuery("""
                        SELECT (SELECT count(*) FROM separated.member_profile WHERE member_id = ?1)
                             + (SELECT count(*) FROM separated.service_application WHERE member_id = ?1)
                             + (SELECT count(*) FROM separated.payment_record WHERE member_id = ?1)""")
                .setParameter(1, memberId).getSingleResult()).longValue() > 0);
    }

    /** What {@link #destroyAll} destroyed, per subject and category, and who still holds encrypted data here. */
    public record BatchDestruction(Map<UUID, Long> profiles, Map<UUID, Long> contractRecords,
                                   Map<UUID, Long> paymentRecords, Set<UUID> holding) {
    }

    /**
     * Set-based {@link #destroyProfile}, {@link #destroyContractRecord} and {@link #destroyPaymentRecords}
     * for a batch's subjects of each category, then {@link #holdsEncryptedData} for {@code toCheck}:
     * under one switch of role instead of one per call.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public BatchDestruction destroyAll(Collection<UUID> profiles, Collection<UUID> contractRecords,
                                       Collection<UUID> paymentRecords, Collection<UUID> toCheck) {
        return asSeparatedRole(() -> {
            Map<UUID, Long> profileCounts = SubjectStatements.countPerSubject(entityManager,
                    "DELETE FROM separated.member_profile WHERE member_id = ANY(?) RETURNING member_id", profiles);
            Map<UUID, Long> contractCounts = SubjectStatements.addTo(SubjectStatements.countPerSubject(entityManager,
                            "DELETE FROM separated.contract_record WHERE member_id = ANY(?) RETURNING member_id",
                            contractRecords),
                    SubjectStatements.countPerSubject(entityManager,
                            "DELETE FROM separated.service_application WHERE member_id = ANY(?) RETURNING member_id",
                            contractRecords));
            Map<UUID, Long> paymentCounts = SubjectStatements.countPerSubject(entityManager,
                    "DELETE FROM separated.payment_record WHERE member_id = ANY(?) RETURNING member_id", paymentRecords);
            // after the deletes: what remains is what keeps a data key alive
            Set<UUID> holding = SubjectStatements.subjects(entityManager, """
                    SELECT s.id FROM unnest(?::uuid[]) AS s(id)
                    WHERE EXISTS (SELECT 1 FROM separated.member_profile p WHERE p.member_id = s.id)
                       OR EXISTS (SELECT 1 FROM separated.service_application a WHERE a.member_id = s.id)
                       OR EXISTS (SELECT 1 FROM separated.payment_record r WHERE r.member_id = s.id)""", toCheck);
            return new BatchDestruction(profileCounts, contractCounts, paymentCounts, holding);
        });
    }

    private <T> T asSeparatedRole(Supplier<T> work) {
        entityManager.flush();
        entityManager.createNativeQuery("SELECT set_config('role', ?1, true)")
                .setParameter(1, config.separated().role()).getSingleResult();
        try {
            return work.get();
        } finally {
            entityManager.createNativeQuery("RESET ROLE").executeUpdate();
        }
    }
}
