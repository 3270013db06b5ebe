package dev.privacy.retention.domain;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DestructionMethod;
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
 * Proof that an owner destroyed data (P07, P09): what, by whom, how, when and how many. The member
 * appears only as a keyed pseudonym; the SHA-256 covers the evidence text, so a copy can be checked.
 */
@Entity
@Table(name = "destruction_certificate")
public class DestructionCertificate extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "destruction_id", nullable = false, unique = true)
    public UUID destructionId;

    @Column(name = "schedule_id")
    public UUID scheduleId;

    /** HMAC-SHA256 of the member ID; null for a purge of many members' records (a log span). */
    @Column(name = "member_ref")
    public String memberRef;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DataCategory category;

    @Column(name = "destroyed_by", nullable = false)
    public String destroyedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DestructionMethod method;

    @Column(name = "record_count", nullable = false)
    public long recordCount;

    @Column(name = "created_before")
    public Instant createdBefore;

    @Column(name = "destroyed_at", nullable = false)
    public Instant destroyedAt;

    @Column(name = "certified_at", nullable = false)
    public Instant certifiedAt;

    @Column(nullable = false)
    public String evidence;

    @Column(name = "evidence_sha256", nullable = false)
    public String evidenceSha256;
}
