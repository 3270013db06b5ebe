package dev.privacy.platform.runtime.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventJson;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * A consumed event: its CloudEvents attributes and the JSON data. {@code sequence} numbers the
 * events of one key on one topic as the relay published them; null where the sender numbers none
 * (records sent straight to the broker, tests).
 *
 * <p>The data is parsed once: the schema check, a handler's filter, the handler and a set-based
 * handler all read the same event, and each parsed it again (the schema check with its own parse was
 * a third of the audit batch consumer's CPU; BENCHMARKS.md, issue 10). An instance belongs to the one consumer thread that read
 * it; the memo fields are not guarded.
 */
public final class IncomingEvent {

    private final UUID id;
    private final String type;
    private final String source;
    private final String subject;
    private final Instant time;
    private final String topic;
    private final byte[] data;
    private final Long sequence;

    private JsonNode tree;
    private DomainEvent bound;

    public IncomingEvent(UUID id, String type, String source, String subject, Instant time, String topic,
                         byte[] data, Long sequence) {
        this.id = id;
        this.type = type;
        this.source = source;
        this.subject = subject;
        this.time = time;
        this.topic = topic;
        this.data = data;
        this.sequence = sequence;
    }

    public IncomingEvent(UUID id, String type, String source, String subject, Instant time, String topic,
                         byte[] data) {
        this(id, type, source, subject, time, topic, data, null);
    }

    public UUID id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String source() {
        return source;
    }

    public String subject() {
        return subject;
    }

    public Instant time() {
        return time;
    }

    public String topic() {
        return topic;
    }

    public byte[] data() {
        return data;
    }

    public Long sequence() {
        return sequence;
    }

    /**
     * The data as a JSON tree, parsed on first use; throws {@link MalformedEventException} for data
     * that is missing or not JSON.
     */
    public JsonNode tree() {
        if (tree == null) {
            if (data == null) {
                throw new MalformedEventException(type + " " + id + " has no data");
            }
            try {
                JsonNode parsed = EventJson.readTree(data);
                if (parsed == null || parsed.isMissingNode()) {
                    throw new MalformedEventException(type + " " + id + " has no data");
                }
                tree = parsed;
            } catch (IllegalArgumentException notJson) {
                throw new MalformedEventException("Data of " + type + " " + id + " is not JSON");
            }
        }
        return tree;
    }

    /** The data bound to its record; bound once, later calls for the same type return the same record. */
    public <E extends DomainEvent> E as(Class<E> eventType) {
        if (eventType.isInstance(bound)) {
            return eventType.cast(bound);
        }
        JsonNode parsed = tree();
        try {
            E event = EventJson.read(parsed, eventType);
            bound = event;
            return event;
        } catch (RuntimeException e) {
            throw new MalformedEventException("Data of " + this.type + " " + id + " does not bind: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IncomingEvent e && Objects.equals(id, e.id) && Objects.equals(type, e.type)
                && Objects.equals(source, e.source) && Objects.equals(subject, e.subject)
                && Objects.equals(time, e.time) && Objects.equals(topic, e.topic) && Arrays.equals(data, e.data)
                && Objects.equals(sequence, e.sequence);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, source, subject, time, topic, Arrays.hashCode(data), sequence);
    }

    /** Attributes only: the data may hold what a log must not (access records carry the IP). */
    @Override
    public String toString() {
        return "IncomingEvent[id=" + id + ", type=" + type + ", source=" + source + ", topic=" + topic
                + ", sequence=" + sequence + "]";
    }
}
