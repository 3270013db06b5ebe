package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.runtime.envelope.IncomingEvent;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Which events a consumer acts on, and, for a consumer with nothing set-based to do, the handler of
 * each type. Types it does not accept are skipped, and so are events of an accepted type that its
 * filter says are not its concern (e.g. a RetentionExpired for another owner): neither is recorded
 * in the inbox, only their order is kept. A consumer with set-based work ({@link BatchHandler})
 * declares its types with {@code accept} and has no per-event handlers: a batch handled again is
 * handled as batches of one by the same work.
 */
public final class EventHandlers {

    private final Map<String, Consumer<IncomingEvent>> routes;
    private final Set<String> accepted;
    private final Map<String, Predicate<IncomingEvent>> concerns;
    private final Consumer<IncomingEvent> otherwise;
    private final boolean acceptsAll;

    private EventHandlers(Builder builder) {
        this.routes = Map.copyOf(builder.routes);
        this.accepted = Set.copyOf(builder.accepted);
        this.concerns = Map.copyOf(builder.concerns);
        this.otherwise = builder.otherwise;
        this.acceptsAll = builder.acceptsAll || builder.otherwise != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether events of this type are the consumer's. */
    public boolean accepts(String ceType) {
        return acceptsAll || accepted.contains(ceType);
    }

    /** Whether an event of an accepted, schema-valid type is this consumer's to act on. */
    boolean concerns(IncomingEvent event) {
        Predicate<IncomingEvent> filter = concerns.get(event.type());
        return filter == null || filter.test(event);
    }

    /** Runs the event's handler; set-based work routes the events it does not batch itself through here. */
    public void route(IncomingEvent event) {
        Consumer<IncomingEvent> handler = routes.getOrDefault(event.type(), otherwise);
        if (handler == null) {
            throw new IllegalStateException("No handler for " + event.type()
                    + ": a type accepted without a handler needs set-based work");
        }
        handler.accept(event);
    }

    /** The router as a consumer's work: each event to its handler, in turn. */
    void routeEach(List<IncomingEvent> events) {
        events.forEach(this::route);
    }

    public static final class Builder {
        private final Map<String, Consumer<IncomingEvent>> routes = new HashMap<>();
        private final Set<String> accepted = new HashSet<>();
        private final Map<String, Predicate<IncomingEvent>> concerns = new HashMap<>();
        private Consumer<IncomingEvent> otherwise;
        private boolean acceptsAll;

        /** A type whose events the consumer's set-based work acts on. */
        public <E extends DomainEvent> Builder accept(Class<E> type) {
            accepted.add(EventDescriptor.of(type).ceType());
            return this;
        }

        /**
         * A type whose events {@code concerns} accepts are acted on by the set-based work; the others
         * are skipped before the inbox, as if the type were not accepted.
         */
        public <E extends DomainEvent> Builder accept(Class<E> type, Predicate<E> concerns) {
            accept(type);
            this.concerns.put(EventDescriptor.of(type).ceType(), envelope -> concerns.test(envelope.as(type)));
            return this;
        }

        /** Every type, known to this build or not (the audit log records them all). */
        public Builder acceptAll() {
            acceptsAll = true;
            return this;
        }

        /** A handler for the events of a type that {@code concerns} accepts; the others are skipped before the inbox. */
        public <E extends DomainEvent> Builder on(Class<E> type, Predicate<E> concerns, Consumer<E> handler) {
            on(type, handler);
            return accept(type, concerns);
        }

        public <E extends DomainEvent> Builder on(Class<E> type, Consumer<E> handler) {
            return on(type, (event, envelope) -> handler.accept(event));
        }

        /** A handler that also needs the envelope, e.g. the event ID to reference. */
        public <E extends DomainEvent> Builder on(Class<E> type, BiConsumer<E, IncomingEvent> handler) {
            accept(type);
            routes.put(EventDescriptor.of(type).ceType(), envelope -> handler.accept(envelope.as(type), envelope));
            return this;
        }

        /** Handles every event type without a handler of its own. */
        public Builder otherwise(Consumer<IncomingEvent> handler) {
            this.otherwise = handler;
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(this);
        }
    }
}
