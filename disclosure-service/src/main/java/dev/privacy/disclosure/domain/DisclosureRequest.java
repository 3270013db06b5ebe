package dev.privacy.disclosure.domain;

import dev.privacy.platform.events.DisclosureBasis;
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

/** A request to provide a member's fields to a recipient, on a legal basis (P10). */
@Entity
@Table(name = "disclosure_request")
public class DisclosureRequest extends PanacheEntityBase {

    public enum Status { PENDING, APPROVED, EXECUTED, REJECTED }

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Column(name = "recipient_id", nullable = false)
    public UUID recipientId;

    @Column(nullable = false)
    public String fields;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DisclosureBasis basis;

    @Column(name = "consent_id")
    public UUID consentId;

    public String authority;

    @Column(name = "legal_reference")
    public String legalReference;

    @Column(name = "case_number")
    public String caseNumber;

    @Column(name = "document_reference")
    public String documentReference;

    @Column(name = "nondisclosure_until")
    public Instant nondisclosureUntil;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** When the approvals this request needs were complete; null until then. */
    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    @Column(name = "rejected_by")
    public String rejectedBy;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** Why the last execution attempt failed, as a code (never a value). */
    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<String> fieldList() {
        return FieldList.parse(fields);
    }

    /** One approval for a consented provision, two different officers for a lawful request (P10). */
    public int approvalsRequired() {
        return basis == DisclosureBasis.LAWFUL_REQUEST ? 2 : 1;
    }
}
