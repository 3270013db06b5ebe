package dev.privacy.consent.domain;

import dev.privacy.platform.events.CookieChoice;
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
 * Cookie preferences (P16) of a member (memberId set) or of an anonymous device (deviceId set). A
 * device linked to a member at login follows the member's preferences from then on.
 */
@Entity
@Table(name = "cookie_preference")
public class CookiePreference extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "device_id")
    public UUID deviceId;

    @Column(name = "linked_member_id")
    public UUID linkedMemberId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CookieChoice choice;

    @Column(nullable = false)
    public boolean targeting;

    @Column(nullable = false)
    public boolean statistics;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
