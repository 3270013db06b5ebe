package dev.privacy.auditlog.service;

import dev.privacy.auditlog.domain.AuditEntry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Inserts chained entries as one JDBC batch (the batch inbox's set-based path; no per-entity ORM work). */
final class EntryRows {

    private EntryRows() {
    }

    static void insert(Connection connection, List<AuditEntry> entries) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_entry (sequence, entry_id, source_topic, source_event_id, source_type,
                    source_service, actor_id, actor_role, action, member_id, fields, purpose, category,
                    occurred_at, recorded_at, data_hash, leaf_hash, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (AuditEntry entry : entries) {
                int i = 1;
                insert.setLong(i++, entry.sequence);
                insert.setObject(i++, entry.entryId);
                insert.setString(i++, entry.sourceTopic);
                insert.setObject(i++, entry.sourceEventId);
                insert.setString(i++, entry.sourceType);
                insert.setString(i++, entry.sourceService);
                insert.setString(i++, entry.actorId);
                insert.setString(i++, entry.actorRole);
                insert.setString(i++, entry.action);
                insert.setObject(i++, entry.memberId, Types.OTHER);
                insert.setString(i++, entry.fields);
                insert.setString(i++, entry.purpose);
                insert.setString(i++, entry.category);
                insert.setObject(i++, utc(entry.occurredAt));
                insert.setObject(i++, utc(entry.recordedAt));
                insert.setString(i++, entry.dataHash);
                insert.setString(i++, entry.leafHash);
                insert.setString(i++, entry.previousHash);
                insert.setString(i, entry.hash);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
