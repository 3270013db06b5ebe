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

/** One provision actually made (P10): who received which fields, when, on what basis, and a hash of what was sent. */
@Entity
@Table(name = "disclosure_ledger")
public class LedgerEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "disclosure_id", nullable = false)
    public UUID disclosureId;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Column(name = "recipient_id", nullable = false)
    public UUID recipientId;

    @Column(nullable = false)
    public String fields;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DisclosureBasis basis;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    public String authority;

    @Column(name = "legal_reference")
    public String legalReference;

    @Column(name = "nondisclosure_until")
    public Instant nondisclosureUntil;

    @Column(name = "payload_sha256", nullable = false)
    public String payloadSha256;

    @Column(name = "disclosed_at", nullable = false)
    public Instant disclosedAt;

    public List<String> fieldList() {
        return FieldList.parse(fields);
    }
}
