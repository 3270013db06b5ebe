package dev.privacy.auditlog.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A signed statement "the chain's entry {@code sequence} has hash {@code headHash}" (append-only table). */
@Entity
@Table(name = "audit_checkpoint")
public class AuditCheckpoint extends PanacheEntityBase {

    @Id
    public long sequence;

    @Column(name = "head_hash", nullable = false)
    public String headHash;

    @Column(name = "signed_at", nullable = false)
    public Instant signedAt;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    /** Base64 Ed25519 signature of {@link dev.privacy.auditlog.service.CheckpointSigner#statement}. */
    @Column(nullable = false)
    public String signature;
}
