package dev.privacy.auditlog.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One link of the hash chain: what happened (source event, type, actor, member, field names,
 * purpose), the hash of its payload, and the hashes that bind it to the chain. The table is
 * append-only (trigger); a retention purge blanks the content columns and keeps the chain columns.
 */
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

    /** Who acted: the member, the staff subject or the service name; for a domain event, its source service. */
    @Column(name = "actor_id")
    public String actorId;

    @Column(name = "actor_role")
    public String actorRole;

    /** READ, CREATE, UPDATE, DELETE, EXPORT for an access record; null for a domain event. */
    @Column(name = "action")
    public String action;

    @Column(name = "member_id")
    public UUID memberId;

    /** Names of the fields accessed, comma-separated (field names never contain a comma). */
    @Column(name = "fields")
    public String fields;

    @Column(name = "purpose")
    public String purpose;

    /** Retention category of an access record: SERVICE_LOGS (P17) or STAFF_ACCESS_RECORDS (P19). */
    @Column(name = "category")
    public String category;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** SHA-256 of the event's JSON data; null once purged. */
    @Column(name = "data_hash")
    public String dataHash;

    /** SHA-256(0x00 || leaf data); null only for entries written before chain v2. */
    @Column(name = "leaf_hash")
    public String leafHash;

    @Column(name = "previous_hash", nullable = false)
    public String previousHash;

    @Column(nullable = false)
    public String hash;

    @Column(name = "purged_at")
    public Instant purgedAt;

    public boolean purged() {
        return purgedAt != null;
    }

    public static AuditEntry last() {
        return find("order by sequence desc").firstResult();
    }
}
