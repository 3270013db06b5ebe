package dev.privacy.consent.domain;

import dev.privacy.platform.events.Purpose;
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

/** The current state of one consent: member x purpose (x recipient for third-party provision). */
@Entity
@Table(name = "consent_record")
public class ConsentRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Column(name = "recipient_id")
    public UUID recipientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConsentState state;

    @Column(name = "notice_version", nullable = false)
    public String noticeVersion;

    @Column(name = "last_receipt_id", nullable = false)
    public UUID lastReceiptId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isLive() {
        return state == ConsentState.GRANTED;
    }

    public static Optional<ConsentRecord> of(UUID memberId, Purpose purpose, UUID recipientId) {
        return recipientId == null
                ? find("memberId = ?1 and purpose = ?2 and recipientId is null", memberId, purpose).firstResultOptional()
                : find("memberId = ?1 and purpose = ?2 and recipientId = ?3", memberId, purpose, recipientId)
                        .firstResultOptional();
    }
}
