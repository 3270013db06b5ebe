package dev.privacy.consent.domain;

import dev.privacy.platform.events.GuardianConfirmationMethod;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A legal representative's consent for an under-14 member (P04, P21); contact details only as ciphertext. */
@Entity
@Table(name = "guardian_consent")
public class GuardianConsent extends PanacheEntityBase {

    public static final String NAME_FIELD = "guardianName";
    public static final String CONTACT_FIELD = "guardianContact";

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public GuardianConfirmationMethod method;

    @Column(name = "evidence_reference", nullable = false)
    public String evidenceReference;

    @Column(name = "guardian_name_ct", nullable = false)
    public byte[] guardianNameCiphertext;

    @Column(name = "guardian_contact_ct", nullable = false)
    public byte[] guardianContactCiphertext;

    @Column(name = "receipt_id", nullable = false)
    public UUID receiptId;

    @Column(name = "confirmed_by", nullable = false)
    public String confirmedBy;

    @Column(name = "confirmed_at", nullable = false)
    public Instant confirmedAt;
}
