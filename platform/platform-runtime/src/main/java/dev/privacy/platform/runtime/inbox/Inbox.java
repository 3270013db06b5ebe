package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.runtime.envelope.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;

/** Records handled event IDs in the transaction of their effect (DESIGN.md, event rule 4). */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /** True the first time this event ID is seen; false for a redelivery, whose effect is already committed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(IncomingEvent event) {
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO inbox_event (event_id, type, source, topic, received_at)
                        VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, event.id())
                .setParameter(2, event.type())
                .setParameter(3, event.source())
                .setParameter(4, event.topic())
                .setParameter(5, Timestamp.from(clock.instant()))
                .executeUpdate();
        return inserted == 1;
    }
}
