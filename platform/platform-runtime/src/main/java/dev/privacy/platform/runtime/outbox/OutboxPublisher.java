package dev.privacy.platform.runtime.outbox;

import dev.privacy.platform.runtime.envelope.CloudEventEnvelope;
import dev.privacy.platform.runtime.kafka.InOrderSends;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One relay step: claims the oldest outbox rows, publishes them as CloudEvents and deletes the
 * acknowledged ones, in one database transaction. Plain Java (no CDI) so a benchmark can drive the
 * very code the services run.
 */
public final class OutboxPublisher {

    /** Advisory lock key of the relay: one relaying replica per database. */
    static final long RELAY_LOCK = 0x6f7574626f78L;

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final String source;
    private final int batchSize;

    public OutboxPublisher(DataSource dataSource, Producer<String, byte[]> producer, String source, int batchSize) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.source = source;
        this.batchSize = batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Relays one batch; returns how many rows it published. */
    public int relayBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!holdsRelayLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<OutboxRow> rows = fetch(connection);
                if (rows.isEmpty()) {
                    connection.commit();
                    return 0;
                }
                KeySequences sequences = KeySequences.load(connection, rows);
                InOrderSends.Acknowledged acknowledged = publish(rows, sequences);
                List<OutboxRow> done = rows.subList(0, acknowledged.count());
                sequences.store(connection, done);
                delete(connection, done);
                connection.commit();
                if (!acknowledged.all(rows.size())) {
                    throw new IllegalStateException("Broker acknowledged " + acknowledged.count() + " of " + rows.size()
                            + " events", acknowledged.firstFailure());
                }
                return rows.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private boolean holdsRelayLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private List<OutboxRow> fetch(Connection connection) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT position, id, aggregateid, type, payload::text, timestamp, topic, tracingspancontext
                FROM outbox_event WHERE txid < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY position LIMIT ?""")) {
            select.setInt(1, batchSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return rows;
    }

    /**
     * Sends the rows ({@link InOrderSends}) and returns the acknowledged prefix. Rows after the
     * first failure stay in the outbox even if acknowledged, and go out again with the same sequence
     * numbers: a later row that reached the partition ahead of a failed earlier one is then
     * repeated after it, and consumers act on each key's events in sequence order (the inbox waits
     * out the gap).
     */
    private InOrderSends.Acknowledged publish(List<OutboxRow> rows, KeySequences sequences) throws InterruptedException {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            ProducerRecord<String, byte[]> record = CloudEventEnvelope.toRecord(row.topic(), row.id(), source,
                    row.type(), row.aggregateId(), row.timestamp(), row.payloadBytes(), sequences.next(row));
            // W3C trace context of the request that committed the event: consumers continue its trace
            TraceParent.attach(record, row.traceParent());
            records.add(record);
        }
        return InOrderSends.send(producer, records);
    }

    private void delete(Connection connection, List<OutboxRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Long[] positions = rows.stream().map(OutboxRow::position).toArray(Long[]::new);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE position = ANY(?)")) {
            Array array = connection.createArrayOf("bigint", positions);
            delete.setArray(1, array);
            delete.executeUpdate();
        }
    }

}
