package dev.privacy.member.domain;

import dev.privacy.platform.events.MemberStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A live member. Every personal-data value is a ciphertext under the member's data key
 * ({@code *Ct}); login ID and e-mail are also kept as keyed hashes for lookups.
 */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MemberStatus status;

    @Column(name = "login_id_hash", nullable = false)
    public byte[] loginIdHash;

    @Column(name = "email_hash", nullable = false)
    public byte[] emailHash;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "name_ct", nullable = false)
    public byte[] nameCt;

    @Column(name = "login_id_ct", nullable = false)
    public byte[] loginIdCt;

    @Column(name = "mobile_ct", nullable = false)
    public byte[] mobileCt;

    @Column(name = "email_ct", nullable = false)
    public byte[] emailCt;

    @Column(name = "guardian_consent_required", nullable = false)
    public boolean guardianConsentRequired;

    @Column(name = "fraud_review", nullable = false)
    public boolean fraudReview;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "activated_at")
    public Instant activatedAt;

    public static Optional<Member> byLoginIdHash(byte[] hash) {
        return find("loginIdHash", hash).firstResultOptional();
    }

    public static Optional<Member> byEmailHash(byte[] hash) {
        return find("emailHash", hash).firstResultOptional();
    }

    public static boolean loginIdOrEmailTaken(byte[] loginIdHash, byte[] emailHash) {
        return count("loginIdHash = ?1 or emailHash = ?2", loginIdHash, emailHash) > 0;
    }

    public static boolean loginIdTakenByOther(byte[] loginIdHash, UUID self) {
        return count("loginIdHash = ?1 and id <> ?2", loginIdHash, self) > 0;
    }

    public static boolean emailTakenByOther(byte[] emailHash, UUID self) {
        return count("emailHash = ?1 and id <> ?2", emailHash, self) > 0;
    }
}
