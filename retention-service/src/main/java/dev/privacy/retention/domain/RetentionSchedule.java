package dev.privacy.retention.domain;

import dev.privacy.platform.events.DataCategory;
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

/**
 * One retention clock: a member's data category from its start to its end (P07), or, with no
 * member, one rolling-window expiry of a log category (P17, P19).
 */
@Entity
@Table(name = "retention_schedule")
public class RetentionSchedule extends PanacheEntityBase {

    public enum State { SCHEDULED, EXPIRED, DESTROYED }

    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DataCategory category;

    @Column(name = "owner_service", nullable = false)
    public String ownerService;

    @Column(name = "legal_basis", nullable = false)
    public String legalBasis;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** Rolling windows only: records created before this instant are to be destroyed. */
    @Column(name = "created_before")
    public Instant createdBefore;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "expired_at")
    public Instant expiredAt;

    @Column(name = "overdue_at")
    public Instant overdueAt;

    @Column(name = "destroyed_at")
    public Instant destroyedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static List<RetentionSchedule> ofMember(UUID memberId) {
        return list("memberId = ?1 order by category, createdAt", memberId);
    }

    public static RetentionSchedule open(UUID memberId, DataCategory category) {
        return RetentionSchedule.<RetentionSchedule>find("memberId = ?1 and category = ?2 and state = ?3",
                memberId, category, State.SCHEDULED).firstResult();
    }

    public static boolean startedAt(UUID memberId, DataCategory category, Instant startsAt) {
        return count("memberId = ?1 and category = ?2 and startsAt = ?3", memberId, category, startsAt) > 0;
    }
}
