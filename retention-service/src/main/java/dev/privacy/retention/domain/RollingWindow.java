package dev.privacy.retention.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Where the rolling window of one log category stands: the last "created before" announced. */
@Entity
@Table(name = "rolling_window")
public class RollingWindow extends PanacheEntityBase {

    @Id
    public String category;

    @Column(name = "last_created_before", nullable = false)
    public Instant lastCreatedBefore;

    @Column(name = "schedule_id", nullable = false)
    public UUID scheduleId;
}
