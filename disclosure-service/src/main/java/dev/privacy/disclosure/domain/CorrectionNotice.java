package dev.privacy.disclosure.domain;

import dev.privacy.platform.events.Purpose;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A notice of corrected fields owed to a recipient that received them (P14), retried until acknowledged. */
@Entity
@Table(name = "correction_notice")
public class CorrectionNotice extends PanacheEntityBase {

    public enum Status { PENDING, ACKNOWLEDGED }

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Column(name = "recipient_id", nullable = false)
    public UUID recipientId;

    @Column(name = "correction_id")
    public UUID correctionId;

    /** The latest ledger entry that gave the recipient these fields: the release the new values are read under. */
    @Column(name = "disclosure_id", nullable = false)
    public UUID disclosureId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Column(nullable = false)
    public String fields;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(nullable = false)
    public Instant deadline;

    @Column(nullable = false)
    public boolean escalated;

    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public List<String> fieldList() {
        return FieldList.parse(fields);
    }
}
