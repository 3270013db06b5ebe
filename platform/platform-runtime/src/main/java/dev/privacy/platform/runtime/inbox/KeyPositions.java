package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.runtime.envelope.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps each key's events in the order the relay numbered them ({@code ce_sequence}). After a
 * failed send the relay repeats a batch from its first unacknowledged row, so a later event of a
 * key may reach the partition once before an earlier one: that early copy is passed over (its
 * offset is committed, nothing is acted on) and acted on when it comes again after the earlier one.
 *
 * <p>A key's first event here is acted on whatever its number (a consumer that starts after topic
 * retention removed a key's first events must not wait for them). That is safe because the relay
 * never sends past a record refused before it was queued ({@code InOrderSends}), and the
 * idempotent producer does not put a record on its partition ahead of an earlier one it is still
 * sending: so an early copy only ever follows an event of its key that was already here.
 *
 * <p>Nothing is ever dropped because of its number: an event behind the key's position whose ID
 * the inbox has not seen (a producer database restored from a backup, say) is handled; and a gap
 * that stays open longer than {@code privacy.inbox.gap-grace} (an earlier event that can no longer
 * come, e.g. removed by topic retention) is given up on and the event handled.
 */
@ApplicationScoped
public class KeyPositions {

    private static final Logger LOG = Logger.getLogger(KeyPositions.class);

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "privacy.inbox.gap-grace", defaultValue = "PT5M")
    Duration gapGrace;

    public enum Position {
        /** No number, first of its key here, the next one, or behind (see the class comment): act on it. */
        IN_ORDER,
        /** An earlier event of this key has not been acted on yet: wait for it. */
        AHEAD
    }

    /**
     * The positions of a batch's keys, read once (one statement, rows locked to commit) and kept in
     * memory while the batch is checked and advanced in consumption order; {@link Batch#save} writes
     * them back in at most two statements.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Batch batch(List<IncomingEvent> events) {
        Map<Key, State> states = new TreeMap<>(Key.ORDER);
        for (IncomingEvent event : events) {
            Key key = Key.of(event);
            if (key != null) {
                states.put(key, null);
            }
        }
        if (!states.isEmpty()) {
            entityManager.unwrap(Session.class).doWork(connection -> load(connection, states));
        }
        return new Batch(states);
    }

    private void load(Connection connection, Map<Key, State> states) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT p.source, p.topic, p.aggregate_key, p.last_sequence,
                       p.gap_seen_at IS NOT NULL AND p.gap_seen_at < now() - make_interval(secs => ?)
                FROM inbox_key_position p
                JOIN unnest(?::text[], ?::text[], ?::text[]) AS k(source, topic, aggregate_key)
                  ON p.source = k.source AND p.topic = k.topic AND p.aggregate_key = k.aggregate_key
                ORDER BY p.source, p.topic, p.aggregate_key
                FOR UPDATE OF p""")) {
            select.setDouble(1, gapGrace.toSeconds());
            bindKeys(connection, select, 2, states.keySet().stream().toList());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Key key = new Key(rs.getString(1), rs.getString(2), rs.getString(3));
                    states.put(key, new State(rs.getLong(4), rs.getBoolean(5)));
                }
            }
        }
    }

    private static void bindKeys(Connection connection, PreparedStatement statement, int first, List<Key> keys)
            throws SQLException {
        statement.setArray(first, connection.createArrayOf("text", keys.stream().map(Key::source).toArray()));
        statement.setArray(first + 1, connection.createArrayOf("text", keys.stream().map(Key::topic).toArray()));
        statement.setArray(first + 2, connection.createArrayOf("text", keys.stream().map(Key::subject).toArray()));
    }

    private record Key(String source, String topic, String subject) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::source).thenComparing(Key::topic)
                .thenComparing(Key::subject);

        static Key of(IncomingEvent event) {
            return event.sequence() == null || event.subject() == null ? null
                    : new Key(event.source(), event.topic(), event.subject());
        }
    }

    private static final class State {
        long last;
        boolean gaveUp;
        /** Advanced in this batch: the stored position is to be raised and its gap cleared. */
        boolean advanced;
        /** The last thing seen of this key in the batch was an early event: its gap is to be marked. */
        boolean gapOpen;

        State(long last, boolean gaveUp) {
            this.last = last;
            this.gaveUp = gaveUp;
        }
    }

    /** A batch's key positions in memory; see {@link KeyPositions#batch}. */
    public final class Batch {

        private final Map<Key, State> states;

        private Batch(Map<Key, State> states) {
            this.states = states;
        }

        public Position check(IncomingEvent event) {
            Key key = Key.of(event);
            State state = key == null ? null : states.get(key);
            if (state == null || event.sequence() <= state.last + 1) {
                return Position.IN_ORDER;
            }
            if (state.gaveUp) {
                LOG.warnf("Event %s (%s) follows a gap in its key's sequence (%d after %d) open longer than %s: handled",
                        event.id(), event.type(), event.sequence(), state.last, gapGrace);
                return Position.IN_ORDER;
            }
            state.gapOpen = true;
            return Position.AHEAD;
        }

        public void advance(IncomingEvent event) {
            Key key = Key.of(event);
            if (key == null) {
                return;
            }
            State state = states.get(key);
            if (state == null) {
                states.put(key, state = new State(event.sequence(), false));
            }
            state.last = Math.max(state.last, event.sequence());
            state.gaveUp = false;
            state.advanced = true;
            state.gapOpen = false;
        }

        public void skip(IncomingEvent event) {
            if (check(event) == Position.IN_ORDER) {
                advance(event);
            }
        }

        /** Writes the batch's positions: one upsert for the keys advanced, one update for gaps newly seen. */
        public void save() {
            List<Map.Entry<Key, State>> advanced = states.entrySet().stream()
                    .filter(e -> e.getValue() != null && e.getValue().advanced).toList();
            List<Key> gaps = states.entrySet().stream()
                    .filter(e -> e.getValue() != null && e.getValue().gapOpen).map(Map.Entry::getKey).toList();
            if (advanced.isEmpty() && gaps.isEmpty()) {
                return;
            }
            entityManager.unwrap(Session.class).doWork(connection -> {
                if (!advanced.isEmpty()) {
                    try (PreparedStatement upsert = connection.prepareStatement("""
                            INSERT INTO inbox_key_position (source, topic, aggregate_key, last_sequence)
                            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[])
                            ON CONFLICT (source, topic, aggregate_key) DO UPDATE
                            SET last_sequence = greatest(inbox_key_position.last_sequence, EXCLUDED.last_sequence),
                                gap_seen_at = NULL""")) {
                        bindKeys(connection, upsert, 1, advanced.stream().map(Map.Entry::getKey).toList());
                        upsert.setArray(4, connection.createArrayOf("bigint",
                                advanced.stream().map(e -> e.getValue().last).toArray()));
                        upsert.executeUpdate();
                    }
                }
                if (!gaps.isEmpty()) {
                    // after the upsert: a gap seen after an advance in this batch starts now
                    try (PreparedStatement mark = connection.prepareStatement("""
                            UPDATE inbox_key_position p SET gap_seen_at = coalesce(p.gap_seen_at, now())
                            FROM unnest(?::text[], ?::text[], ?::text[]) AS k(source, topic, aggregate_key)
                            WHERE p.source = k.source AND p.topic = k.topic AND p.aggregate_key = k.aggregate_key""")) {
                        bindKeys(connection, mark, 1, gaps);
                        mark.executeUpdate();
                    }
                }
            });
        }
    }
}
