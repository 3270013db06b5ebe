package dev.privacy.consent.domain;

import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Channel;
import dev.privacy.platform.events.Purpose;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A consent receipt (in the spirit of ISO/IEC TS 27560 / Kantara): one per change, never updated,
 * so the full history of a member's consents is the list of their receipts.
 */
@Entity
@Table(name = "consent_receipt")
public class ConsentReceipt extends PanacheEntityBase {

    @Id
    @Column(name = "receipt_id")
    public UUID receiptId;

    @Column(name = "consent_id")
    public UUID consentId;

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

    @Column(name = "notice_text_hash", nullable = false)
    public String noticeTextHash;

    /** Comma-separated DataCategory names. */
    @Column(name = "data_categories", nullable = false)
    public String dataCategories;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReceiptMethod method;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "actor_id", nullable = false)
    public String actorId;

    @Enumerated(EnumType.STRING)
    @Column(name = "actor_role", nullable = false)
    public ActorRole actorRole;

    @Column(name = "instruction_reference")
    public String instructionReference;

    @Column
    public String reason;

    @Column(nullable = false)
    public String controller;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;
}
