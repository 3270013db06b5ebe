package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.runtime.envelope.IncomingEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Which handler a consumer runs for which event type; types without a handler are skipped. */
public final class EventHandlers {

    private final Map<String, Consumer<IncomingEvent>> byType;
    private final Consumer<IncomingEvent> otherwise;

    private EventHandlers(Map<String, Consumer<IncomingEvent>> byType, Consumer<IncomingEvent> otherwise) {
        this.byType = Map.copyOf(byType);
        this.otherwise = otherwise;
    }

    public static Builder builder() {
        return new Builder();
    }

    Optional<Consumer<IncomingEvent>> handlerFor(String ceType) {
        return Optional.ofNullable(byType.getOrDefault(ceType, otherwise));
    }

    public static final class Builder {
        private final Map<String, Consumer<IncomingEvent>> byType = new HashMap<>();
        private Consumer<IncomingEvent> otherwise;

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
            return new EventHandlers(byType, otherwise);
        }
    }
}
