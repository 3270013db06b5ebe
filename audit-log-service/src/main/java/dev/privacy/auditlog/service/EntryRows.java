package dev.privacy.auditlog.service;

import dev.privacy.auditlog.domain.AuditEntry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The chain's SQL for entries: one multi-row insert ({@code unnest} of one array per column:
 * one statement for the whole batch where a JDBC batch executes a statement per row), and the
 * check of which source events already have an entry (the unique {@code source_event_id}, which
 * makes the chain its own inbox).
 */
final class EntryRows {

    private EntryRows() {
    }

    static void insert(Connection connection, List<AuditEntry> entries) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_entry (sequence, entry_id, source_topic, source_event_id, source_type,
                    source_service, actor_id, actor_role, action, member_id, fields, purpose, category,
                    occurred_at, recorded_at, data_hash, leaf_hash, previous_hash, hash)
                SELECT * FROM unnest(?::bigint[], ?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                    ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[])""")) {
            int i = 1;
            insert.setArray(i++, connection.createArrayOf("bigint", column(entries, e -> e.sequence)));
            insert.setArray(i++, connection.createArrayOf("uuid", column(entries, e -> e.entryId)));
            insert.setArray(i++, text(connection, entries, e -> e.sourceTopic));
            insert.setArray(i++, connection.createArrayOf("uuid", column(entries, e -> e.sourceEventId)));
            insert.setArray(i++, text(connection, entries, e -> e.sourceType));
            insert.setArray(i++, text(connection, entries, e -> e.sourceService));
            insert.setArray(i++, text(connection, entries, e -> e.actorId));
            insert.setArray(i++, text(connection, entries, e -> e.actorRole));
            insert.setArray(i++, text(connection, entries, e -> e.action));
            insert.setArray(i++, connection.createArrayOf("uuid", column(entries, e -> e.memberId)));
            insert.setArray(i++, text(connection, entries, e -> e.fields));
            insert.setArray(i++, text(connection, entries, e -> e.purpose));
            insert.setArray(i++, text(connection, entries, e -> e.category));
            insert.setArray(i++, text(connection, entries, e -> iso(e.occurredAt)));
            insert.setArray(i++, text(connection, entries, e -> iso(e.recordedAt)));
            insert.setArray(i++, text(connection, entries, e -> e.dataHash));
            insert.setArray(i++, text(connection, entries, e -> e.leafHash));
            insert.setArray(i++, text(connection, entries, e -> e.previousHash));
            insert.setArray(i, text(connection, entries, e -> e.hash));
            insert.executeUpdate();
        }
    }

    /** Which of these source event IDs already have an entry. */
    static Set<UUID> alreadyLogged(Connection connection, List<UUID> sourceEventIds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT source_event_id FROM audit_entry WHERE source_event_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("uuid", sourceEventIds.toArray()));
            Set<UUID> logged = new HashSet<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    logged.add(rs.getObject(1, UUID.class));
                }
            }
            return logged;
        }
    }

    private static Object[] column(List<AuditEntry> entries, Function<AuditEntry, Object> value) {
        return entries.stream().map(value).toArray();
    }

    private static java.sql.Array text(Connection connection, List<AuditEntry> entries, Function<AuditEntry, String> value)
            throws SQLException {
        return connection.createArrayOf("text", entries.stream().map(value).toArray());
    }

    /** An instant as PostgreSQL reads it back exactly (the entries are truncated to microseconds). */
    private static String iso(Instant instant) {
        return Objects.toString(instant, null);
    }
}
