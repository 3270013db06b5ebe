package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.runtime.envelope.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Records handled event IDs in the transaction of their effect (docs/ARCHITECTURE.md R9). */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /**
     * Records the events' IDs in one statement and returns those seen here for the first time (a
     * redelivery's effect is already committed). An ID given twice is recorded once (and returned once).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        Timestamp now = Timestamp.from(clock.instant());
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Array ids = connection.createArrayOf("uuid", events.stream().map(IncomingEvent::id).toArray());
            Array types = connection.createArrayOf("text", events.stream().map(IncomingEvent::type).toArray());
            Array sources = connection.createArrayOf("text", events.stream().map(IncomingEvent::source).toArray());
            Array topics = connection.createArrayOf("text", events.stream().map(IncomingEvent::topic).toArray());
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO inbox_event (event_id, type, source, topic, received_at)
                    SELECT e.id, e.type, e.source, e.topic, ? FROM unnest(?, ?, ?, ?) AS e(id, type, source, topic)
                    ON CONFLICT (event_id) DO NOTHING RETURNING event_id""")) {
                insert.setTimestamp(1, now);
                insert.setArray(2, ids);
                insert.setArray(3, types);
                insert.setArray(4, sources);
                insert.setArray(5, topics);
                Set<UUID> first = new HashSet<>();
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        first.add(rs.getObject(1, UUID.class));
                    }
                }
                return first;
            }
        });
    }
}
