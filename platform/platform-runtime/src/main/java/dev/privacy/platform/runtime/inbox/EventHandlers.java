package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.runtime.envelope.IncomingEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Which handler a consumer runs for which event type; types without a handler are skipped, and so
 * are events of a handled type that the consumer's filter says are not its concern (e.g. a
 * RetentionExpired for another owner): neither is recorded in the inbox, only their order is kept.
 */
public final class EventHandlers {

    private final Map<String, Consumer<IncomingEvent>> byType;
    private final Map<String, Predicate<IncomingEvent>> concerns;
    private final Consumer<IncomingEvent> otherwise;

    private EventHandlers(Map<String, Consumer<IncomingEvent>> byType, Map<String, Predicate<IncomingEvent>> concerns,
                          Consumer<IncomingEvent> otherwise) {
        this.byType = Map.copyOf(byType);
        this.concerns = Map.copyOf(concerns);
        this.otherwise = otherwise;
    }

    /** Whether an event of a handled, schema-valid type is this consumer's to act on. */
    boolean concerns(IncomingEvent event) {
        Predicate<IncomingEvent> filter = concerns.get(event.type());
        return filter == null || filter.test(event);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handler of a type (set-based work uses it for the events it does not batch itself). */
    public Optional<Consumer<IncomingEvent>> handlerFor(String ceType) {
        return Optional.ofNullable(byType.getOrDefault(ceType, otherwise));
    }

    public static final class Builder {
        private final Map<String, Consumer<IncomingEvent>> byType = new HashMap<>();
        private final Map<String, Predicate<IncomingEvent>> concerns = new HashMap<>();
        private Consumer<IncomingEvent> otherwise;

        /**
         * A handler for the events of a type that {@code concerns} accepts; the others are skipped
         * before the inbox, as if the type had no handler.
         */
        public <E extends DomainEvent> Builder on(Class<E> type, Predicate<E> concerns, Consumer<E> handler) {
            on(type, handler);
            this.concerns.put(EventDescriptor.of(type).ceType(), envelope -> concerns.test(envelope.as(type)));
            return this;
        }

        public <E extends DomainEvent> Builder on(Class<E> type, Consumer<E> handler) {
            return on(type, (event, envelope) -> handler.accept(event));
        }

        /** A handler that also needs the envelope, e.g. the event ID to reference. */
        public <E extends DomainEvent> Builder on(Class<E> type, BiConsumer<E, IncomingEvent> handler) {
            byType.put(EventDescriptor.of(type).ceType(), envelope -> handler.accept(envelope.as(type), envelope));
            return this;
        }

        /** Handles every event type without a handler of its own (the audit log records them all). */
        public Builder otherwise(Consumer<IncomingEvent> handler) {
            this.otherwise = handler;
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(byType, concerns, otherwise);
        }
    }
}
