package dev.privacy.platform.runtime.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers each key's events per topic in publish order (the CloudEvents {@code sequence} of a
 * record). Only the relay holding the relay lock numbers, so the numbers need no lock of their
 * own; a key's last number advances only over rows the broker acknowledged, so a row sent again
 * after a failure keeps the number it had.
 */
final class KeySequences {

    private final Map<TopicKey, Long> last;
    private final Map<Long, Long> byPosition = new HashMap<>();

    private KeySequences(Map<TopicKey, Long> last) {
        this.last = last;
    }

    static KeySequences load(Connection connection, List<OutboxRow> rows) throws SQLException {
        String[] topics = rows.stream().map(OutboxRow::topic).toArray(String[]::new);
        String[] keys = rows.stream().map(OutboxRow::aggregateId).toArray(String[]::new);
        Map<TopicKey, Long> last = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT s.topic, s.aggregate_key, s.last_sequence FROM outbox_key_sequence s
                JOIN (SELECT DISTINCT * FROM unnest(?::varchar[], ?::varchar[])) AS k(topic, aggregate_key)
                  ON s.topic = k.topic AND s.aggregate_key = k.aggregate_key""")) {
            select.setArray(1, connection.createArrayOf("varchar", topics));
            select.setArray(2, connection.createArrayOf("varchar", keys));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    last.put(new TopicKey(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
            }
        }
        KeySequences sequences = new KeySequences(last);
        Map<TopicKey, Long> running = new HashMap<>(last);
        for (OutboxRow row : rows) {
            long next = running.merge(new TopicKey(row.topic(), row.aggregateId()), 1L, Long::sum);
            sequences.byPosition.put(row.position(), next);
        }
        return sequences;
    }

    long next(OutboxRow row) {
        return byPosition.get(row.position());
    }

    /** Advances each key's last number over the acknowledged rows, in the relay's transaction. */
    void store(Connection connection, List<OutboxRow> acknowledged) throws SQLException {
        if (acknowledged.isEmpty()) {
            return;
        }
        Map<TopicKey, Long> highest = new LinkedHashMap<>();
        for (OutboxRow row : acknowledged) {
            highest.put(new TopicKey(row.topic(), row.aggregateId()), next(row));
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO outbox_key_sequence (topic, aggregate_key, last_sequence)
                SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::bigint[])
                ON CONFLICT (topic, aggregate_key) DO UPDATE SET last_sequence = EXCLUDED.last_sequence""")) {
            upsert.setArray(1, connection.createArrayOf("varchar",
                    highest.keySet().stream().map(TopicKey::topic).toArray(String[]::new)));
            upsert.setArray(2, connection.createArrayOf("varchar",
                    highest.keySet().stream().map(TopicKey::key).toArray(String[]::new)));
            upsert.setArray(3, connection.createArrayOf("bigint", highest.values().toArray(Long[]::new)));
            upsert.executeUpdate();
        }
    }

    private record TopicKey(String topic, String key) {
    }
}
