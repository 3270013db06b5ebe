package dev.privacy.auditlog.messaging;

import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.events.Topics;
import dev.privacy.platform.events.audit.AuditEntryAppended;
import dev.privacy.platform.runtime.envelope.CloudEventEnvelope;
import dev.privacy.platform.runtime.kafka.InOrderSends;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One step of the compliance stream: the entries after the stream's cursor, in chain order, sent
 * to {@code audit.compliance} as AuditEntryAppended, and the cursor moved over the acknowledged
 * prefix, in one transaction. The chain is its own outbox: an entry and its announcement cannot
 * part, without a second copy of every entry in {@code outbox_event}.
 *
 * <p>Each record's CloudEvents ID is the entry's ID, so a resend after a failure is a duplicate a
 * consumer recognises; the entry's chain {@code sequence} orders the stream (no per-key
 * {@code ce_sequence}). One replica publishes at a time (advisory lock).
 */
public final class ComplianceStreamPublisher {

    static final String STREAM = Topics.AUDIT_COMPLIANCE;
    private static final long LOCK = 0x636f6d706c69L;
    private static final String TYPE = EventDescriptor.of(AuditEntryAppended.class).ceType();

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final String source;
    private final int batchSize;

    public ComplianceStreamPublisher(DataSource dataSource, Producer<String, byte[]> producer, String source,
                                     int batchSize) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.source = source;
        this.batchSize = batchSize;
    }

    /** Publishes the next entries (at most one batch); returns how many. */
    public int relayBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Long cursor = lockedCursor(connection);
                List<AuditEntryAppended> entries = cursor == null ? List.of() : after(connection, cursor);
                if (entries.isEmpty()) {
                    connection.commit();
                    return 0;
                }
                List<ProducerRecord<String, byte[]>> records = new ArrayList<>(entries.size());
                for (AuditEntryAppended entry : entries) {
                    records.add(CloudEventEnvelope.toRecord(STREAM, entry.entryId(), source, TYPE,
                            entry.subjectId(), entry.occurredAt(), EventJson.toBytes(entry)));
                }
                InOrderSends.Acknowledged sent = InOrderSends.send(producer, records);
                int acknowledged = sent.count();
                if (acknowledged > 0) {
                    moveCursor(connection, entries.get(acknowledged - 1).sequence());
                }
                connection.commit();
                if (!sent.all(entries.size())) {
                    throw new IllegalStateException("Broker acknowledged " + acknowledged + " of " + entries.size()
                            + " compliance stream events", sent.firstFailure());
                }
                return entries.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The last sequence published, with the stream's lock; null when another replica holds it. */
    private static Long lockedCursor(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return null;
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_sequence FROM compliance_stream_position WHERE stream = ?")) {
            select.setString(1, STREAM);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private List<AuditEntryAppended> after(Connection connection, long cursor) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT entry_id, sequence, source_topic, source_event_id, source_type, member_id, hash,
                       previous_hash, leaf_hash, recorded_at
                FROM audit_entry WHERE sequence > ? ORDER BY sequence LIMIT ?""")) {
            select.setLong(1, cursor);
            select.setInt(2, batchSize);
            List<AuditEntryAppended> entries = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntryAppended(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant()));
                }
            }
            return entries;
        }
    }

    private static void moveCursor(Connection connection, long sequence) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE compliance_stream_position SET last_sequence = ? WHERE stream = ?")) {
            update.setLong(1, sequence);
            update.setString(2, STREAM);
            update.executeUpdate();
        }
    }
}
