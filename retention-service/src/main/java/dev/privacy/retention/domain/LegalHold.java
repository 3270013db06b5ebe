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
import java.util.UUID;

/** A privacy officer's legal hold: while active, the schedules in its scope do not expire (P07). */
@Entity
@Table(name = "legal_hold")
public class LegalHold extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The legal reference (a case or order number); no personal data. */
    @Column(nullable = false)
    public String reference;

    /** Why; kept here only, never in an event. */
    @Column(nullable = false)
    public String reason;

    /** Scope: this member's data; null for every member. */
    @Column(name = "member_id")
    public UUID memberId;

    /** Scope: this category; null for every category. */
    @Enumerated(EnumType.STRING)
    public DataCategory category;

    @Column(name = "placed_by", nullable = false)
    public String placedBy;

    @Column(name = "placed_at", nullable = false)
    public Instant placedAt;

    @Column(name = "released_by")
    public String releasedBy;

    @Column(name = "released_at")
    public Instant releasedAt;

    public boolean active() {
        return releasedAt == null;
    }

    /** Whether an active hold covers this member's category (memberId null: a rolling window of all members). */
    public static boolean holds(UUID memberId, DataCategory category) {
        if (memberId == null) {
            return count("releasedAt is null and memberId is null and category = ?1", category) > 0;
        }
        return count("releasedAt is null and (memberId is null or memberId = ?1) and (category is null or category = ?2)",
                memberId, category) > 0;
    }
}
