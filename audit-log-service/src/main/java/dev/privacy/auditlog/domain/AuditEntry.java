package dev.privacy.auditlog.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One link of the hash chain: which event or access record, and the hashes that bind it to the chain. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public long sequence;

    @Column(name = "entry_id", nullable = false)
    public UUID entryId;

    @Column(name = "source_topic", nullable = false)
    public String sourceTopic;

    @Column(name = "source_event_id", nullable = false)
    public UUID sourceEventId;

    @Column(name = "source_type", nullable = false)
    public String sourceType;

    @Column(name = "source_service", nullable = false)
    public String sourceService;

    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "data_hash", nullable = false)
    public String dataHash;

    @Column(name = "previous_hash", nullable = false)
    public String previousHash;

    @Column(nullable = false)
    public String hash;

    public static AuditEntry last() {
        return find("order by sequence desc").firstResult();
    }
}
