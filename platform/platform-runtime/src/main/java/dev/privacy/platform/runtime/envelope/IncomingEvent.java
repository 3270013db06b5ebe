package dev.privacy.platform.runtime.envelope;

import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventJson;

import java.time.Instant;
import java.util.UUID;

/**
 * A consumed event: its CloudEvents attributes and the JSON data. {@code sequence} numbers the
 * events of one key on one topic as the relay published them; null where the sender numbers none
 * (records sent straight to the broker, tests).
 */
public record IncomingEvent(UUID id, String type, String source, String subject, Instant time, String topic,
                            byte[] data, Long sequence) {

    public IncomingEvent(UUID id, String type, String source, String subject, Instant time, String topic,
                         byte[] data) {
        this(id, type, source, subject, time, topic, data, null);
    }

    public <E extends DomainEvent> E as(Class<E> type) {
        try {
            return EventJson.read(data, type);
        } catch (RuntimeException e) {
            throw new MalformedEventException("Data of " + this.type + " " + id + " does not bind: " + e.getMessage());
        }
    }
}
