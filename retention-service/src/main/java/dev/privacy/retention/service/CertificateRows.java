package dev.privacy.retention.service;

import dev.privacy.platform.events.DataCategory;
import dev.privacy.retention.domain.DestructionCertificate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The set-based statements of certification, one per step for a whole batch (arrays bound as
 * parameters, so a batch of 500 is four statements, not 2,000). Works on the rows, not on loaded
 * entities: nothing is left in the session for Hibernate to dirty-check at each later query.
 */
@ApplicationScoped
public class CertificateRows {

    /** What certification needs of the schedule that asked for a destruction. */
    public record Schedule(UUID id, String ownerService, DataCategory category, String state, String legalBasis,
                           Instant expiredAt) {
        boolean awaitingDestruction() {
            return "EXPIRED".equals(state);
        }
    }

    @Inject
    EntityManager entityManager;

    /** The destruction IDs among {@code ids} that already have a certificate (a mutable set). */
    Set<UUID> certifiedAmong(Collection<UUID> ids) {
        Set<UUID> certified = new HashSet<>();
        work(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT destruction_id FROM destruction_certificate WHERE destruction_id = ANY(?)")) {
                q.setArray(1, c.createArrayOf("uuid", ids.toArray(UUID[]::new)));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        certified.add(rs.getObject(1, UUID.class));
                    }
                }
            }
        });
        return certified;
    }

    Map<UUID, Schedule> schedules(Collection<UUID> ids) {
        Map<UUID, Schedule> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        work(c -> {
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT id, owner_service, category, state, legal_basis, expired_at
                    FROM retention_schedule WHERE id = ANY(?)""")) {
                q.setArray(1, c.createArrayOf("uuid", ids.toArray(UUID[]::new)));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        Timestamp expiredAt = rs.getTimestamp(6);
                        Schedule s = new Schedule(rs.getObject(1, UUID.class), rs.getString(2),
                                DataCategory.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                                expiredAt == null ? null : expiredAt.toInstant());
                        found.put(s.id(), s);
                    }
                }
            }
        });
        return found;
    }

    /** EXPIRED → DESTROYED at each schedule's destruction time (a schedule in another state stays). */
    void markDestroyed(Map<UUID, Instant> destroyedAt, Instant now) {
        if (destroyedAt.isEmpty()) {
            return;
        }
        work(c -> {
            try (PreparedStatement u = c.prepareStatement("""
                    UPDATE retention_schedule s SET state = 'DESTROYED', destroyed_at = d.destroyed_at, updated_at = ?
                    FROM unnest(?, ?) AS d(id, destroyed_at)
                    WHERE s.id = d.id AND s.state = 'EXPIRED'""")) {
                u.setTimestamp(1, Timestamp.from(now));
                u.setArray(2, c.createArrayOf("uuid", destroyedAt.keySet().toArray(UUID[]::new)));
                u.setArray(3, c.createArrayOf("timestamptz",
                        destroyedAt.values().stream().map(Instant::toString).toArray(String[]::new)));
                u.executeUpdate();
            }
        });
    }

    void insert(List<DestructionCertificate> certificates) {
        if (certificates.isEmpty()) {
            return;
        }
        int n = certificates.size();
        UUID[] ids = new UUID[n], destructionIds = new UUID[n], scheduleIds = new UUID[n];
        String[] memberRefs = new String[n], categories = new String[n], destroyedBy = new String[n];
        String[] methods = new String[n], createdBefore = new String[n];
        String[] destroyedAt = new String[n], certifiedAt = new String[n], evidence = new String[n];
        String[] sha256 = new String[n];
        Long[] counts = new Long[n];
        for (int i = 0; i < n; i++) {
            DestructionCertificate d = certificates.get(i);
            ids[i] = d.id;
            destructionIds[i] = d.destructionId;
            scheduleIds[i] = d.scheduleId;
            memberRefs[i] = d.memberRef;
            categories[i] = d.category.name();
            destroyedBy[i] = d.destroyedBy;
            methods[i] = d.method.name();
            counts[i] = d.recordCount;
            // ISO-8601 with its offset: parsed as the instant it is whatever the session's time zone
            createdBefore[i] = d.createdBefore == null ? null : d.createdBefore.toString();
            destroyedAt[i] = d.destroyedAt.toString();
            certifiedAt[i] = d.certifiedAt.toString();
            evidence[i] = d.evidence;
            sha256[i] = d.evidenceSha256;
        }
        work(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO destruction_certificate (id, destruction_id, schedule_id, member_ref, category,
                        destroyed_by, method, record_count, created_before, destroyed_at, certified_at, evidence,
                        evidence_sha256)
                    SELECT * FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setArray(1, c.createArrayOf("uuid", ids));
                insert.setArray(2, c.createArrayOf("uuid", destructionIds));
                insert.setArray(3, c.createArrayOf("uuid", scheduleIds));
                insert.setArray(4, c.createArrayOf("varchar", memberRefs));
                insert.setArray(5, c.createArrayOf("varchar", categories));
                insert.setArray(6, c.createArrayOf("varchar", destroyedBy));
                insert.setArray(7, c.createArrayOf("varchar", methods));
                insert.setArray(8, c.createArrayOf("bigint", counts));
                insert.setArray(9, c.createArrayOf("timestamptz", createdBefore));
                insert.setArray(10, c.createArrayOf("timestamptz", destroyedAt));
                insert.setArray(11, c.createArrayOf("timestamptz", certifiedAt));
                insert.setArray(12, c.createArrayOf("text", evidence));
                insert.setArray(13, c.createArrayOf("varchar", sha256));
                insert.executeUpdate();
            }
        });
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void work(Work work) {
        // flush first: the rows read and written here may be ones this transaction changed as entities
        entityManager.flush();
        entityManager.unwrap(Session.class).doWork(work::run);
    }
}
