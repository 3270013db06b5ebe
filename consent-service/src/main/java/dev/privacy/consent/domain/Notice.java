package dev.privacy.consent.domain;

import dev.privacy.platform.events.Purpose;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** One version of a purpose's notice: the text a consent was given on, identified by its hash. */
@Entity
@Table(name = "notice")
@IdClass(Notice.Key.class)
public class Notice extends PanacheEntityBase {

    @Id
    @Enumerated(EnumType.STRING)
    public Purpose purpose;

    @Id
    public String version;

    @Column(name = "effective_date", nullable = false)
    public LocalDate effectiveDate;

    @Column(name = "text_hash", nullable = false)
    public String textHash;

    @Column(nullable = false)
    public String text;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    public static class Key implements Serializable {
        public Purpose purpose;
        public String version;

        public Key() {
        }

        public Key(Purpose purpose, String version) {
            this.purpose = purpose;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.purpose == purpose && Objects.equals(k.version, version);
        }

        @Override
        public int hashCode() {
            return Objects.hash(purpose, version);
        }
    }
}
