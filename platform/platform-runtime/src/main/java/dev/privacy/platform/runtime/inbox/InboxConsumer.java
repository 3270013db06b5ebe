package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.events.EventCatalogue;
import dev.privacy.platform.events.EventSchemas;
import dev.privacy.platform.runtime.envelope.CloudEventEnvelope;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.envelope.MalformedEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.function.Consumer;

/**
 * Handles one consumed record: reads the envelope, validates the data against the event's schema,
 * and runs the handler in one transaction with the inbox entry. A malformed event is thrown at once
 * (the channel's dead-letter strategy takes it); any other failure is retried with backoff first,
 * so a database hiccup does not dead-letter a good event.
 */
@ApplicationScoped
public class InboxConsumer {

    private static final Logger LOG = Logger.getLogger(InboxConsumer.class);
    private static final int ATTEMPTS = 4;

    @Inject
    Inbox inbox;

    @Inject
    MeterRegistry metrics;

    public Outcome consume(ConsumerRecord<String, byte[]> record, EventHandlers handlers) {
        IncomingEvent event = CloudEventEnvelope.read(record);
        var handler = handlers.handlerFor(event.type());
        if (handler.isEmpty()) {
            return Outcome.SKIPPED;
        }
        // A type this build does not know (a newer version) is passed on unvalidated; a known one must match its schema.
        List<String> violations = EventCatalogue.byCeType(event.type()).isEmpty()
                ? List.of()
                : EventSchemas.validate(event.type(), event.data());
        if (!violations.isEmpty()) {
            throw new MalformedEventException("Event " + event.id() + " of type " + event.type()
                    + " breaks its schema: " + String.join("; ", violations));
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Outcome outcome = QuarkusTransaction.requiringNew().call(() -> handleOnce(event, handler.get()));
                metrics.counter("platform.inbox.events", "type", event.type(), "outcome", outcome.name()).increment();
                return outcome;
            } catch (MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
                LOG.warnf("Handling %s %s failed (attempt %d of %d): %s", event.type(), event.id(), attempt, ATTEMPTS,
                        e.toString());
                sleep(250L << attempt);
            }
        }
        throw last;
    }

    private Outcome handleOnce(IncomingEvent event, Consumer<IncomingEvent> handler) {
        if (!inbox.firstDelivery(event)) {
            return Outcome.DUPLICATE;
        }
        handler.accept(event);
        return Outcome.HANDLED;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public enum Outcome { HANDLED, DUPLICATE, SKIPPED }
}
