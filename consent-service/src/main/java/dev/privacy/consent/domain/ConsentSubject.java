package dev.privacy.consent.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A member whose consent ledger is open; withdrawnAt is set when the membership ends. */
@Entity
@Table(name = "consent_subject")
public class ConsentSubject extends PanacheEntityBase {

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "guardian_required", nullable = false)
    public boolean guardianRequired;

    @Column(name = "registered_event", nullable = false)
    public UUID registeredEvent;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    public boolean isMember() {
        return withdrawnAt == null;
    }
}
