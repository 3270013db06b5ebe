package dev.privacy.platform.runtime.outbox;

import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.events.EventJson;
import dev.privacy.platform.runtime.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Writes an event into the outbox inside the caller's transaction, so the state change and the
 * event announcing it commit together or not at all (docs/ARCHITECTURE.md R8).
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager entityManager;

    @Inject
    PlatformConfig config;

    @Inject
    Clock clock;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    /** Publishes {@code event} to this service's own events topic. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(DomainEvent event) {
        return publish(config.eventsTopic(), event);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, DomainEvent event) {
        return publish(topic, UUID.randomUUID(), event);
    }

    /**
     * As {@link #publish(String, DomainEvent)} with the event ID ({@code ce_id}) chosen by the
     * caller: for an event that may already have reached the broker by another path, so the
     * consumers' inbox sees both copies as one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, UUID id, DomainEvent event) {
        EventDescriptor descriptor = EventDescriptor.of(event.getClass());
        String key = event.subjectId();
        // No per-key lock (transactions publishing for several keys took them in opposite orders and
        // deadlocked): the relay publishes a row only once every older writing transaction has ended
        // (its txid below the snapshot xmin), so no later-committed row overtakes one still in flight.
        entityManager.createNativeQuery("""
                        INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, timestamp, topic,
                                                  tracingspancontext)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6, ?7, ?8)""")
                .setParameter(1, id)
                .setParameter(2, aggregateType(descriptor))
                .setParameter(3, key)
                .setParameter(4, descriptor.ceType())
                .setParameter(5, new String(EventJson.toBytes(event), StandardCharsets.UTF_8))
                .setParameter(6, Timestamp.from(clock.instant()))
                .setParameter(7, topic)
                .setParameter(8, TraceParent.current())
                .executeUpdate();
        transactions.registerInterposedSynchronization(new WakeRelayOnCommit(relay));
        return id;
    }

    /**
     * As {@link #publish(String, DomainEvent)} for many events in one statement (a batch consumer's
     * set-based work): their IDs, in the order of {@code events}. The rows take their positions in
     * that order, so the relay publishes them in it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> publishAll(String topic, List<? extends DomainEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        UUID[] ids = new UUID[events.size()];
        String[] aggregateTypes = new String[events.size()];
        String[] keys = new String[events.size()];
        String[] types = new String[events.size()];
        String[] payloads = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            DomainEvent event = events.get(i);
            EventDescriptor descriptor = EventDescriptor.of(event.getClass());
            ids[i] = UUID.randomUUID();
            aggregateTypes[i] = aggregateType(descriptor);
            keys[i] = event.subjectId();
            types[i] = descriptor.ceType();
            payloads[i] = new String(EventJson.toBytes(event), StandardCharsets.UTF_8);
        }
        Timestamp now = Timestamp.from(clock.instant());
        String traceParent = TraceParent.current();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload, timestamp, topic,
                                              tracingspancontext)
                    SELECT e.id, e.aggregatetype, e.aggregateid, e.type, CAST(e.payload AS jsonb), ?, ?, ?
                    FROM unnest(?, ?, ?, ?, ?) WITH ORDINALITY AS e(id, aggregatetype, aggregateid, type, payload, n)
                    ORDER BY e.n""")) {
                insert.setTimestamp(1, now);
                insert.setString(2, topic);
                insert.setString(3, traceParent);
                insert.setArray(4, connection.createArrayOf("uuid", ids));
                insert.setArray(5, connection.createArrayOf("text", aggregateTypes));
                insert.setArray(6, connection.createArrayOf("text", keys));
                insert.setArray(7, connection.createArrayOf("text", types));
                insert.setArray(8, connection.createArrayOf("text", payloads));
                insert.executeUpdate();
            }
        });
        transactions.registerInterposedSynchronization(new WakeRelayOnCommit(relay));
        return List.of(ids);
    }

    private static String aggregateType(EventDescriptor descriptor) {
        String pkg = descriptor.javaType().getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    private record WakeRelayOnCommit(OutboxRelay relay) implements jakarta.transaction.Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wakeUp();
            }
        }
    }
}
