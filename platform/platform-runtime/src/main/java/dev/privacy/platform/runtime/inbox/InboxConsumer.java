package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.events.EventCatalogue;
import dev.privacy.platform.events.EventSchemas;
import dev.privacy.platform.runtime.envelope.CloudEventEnvelope;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.envelope.MalformedEventException;
import dev.privacy.platform.runtime.logging.SafeErrors;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Handles one consumed record: reads the envelope, validates the data against the event's schema,
 * and runs the handler in one transaction with the inbox entry.
 *
 * <p>Only an event that can never be handled goes to the dead-letter topic: a malformed one at
 * once, one whose handler keeps failing while the database answers after a few attempts. While the
 * database itself is unreachable the consumer waits on this record, however long that takes, so
 * an outage pauses the partition instead of dead-lettering good events or letting a key's later
 * events overtake an earlier one.
 */
@ApplicationScoped
public class InboxConsumer {

    private static final Logger LOG = Logger.getLogger(InboxConsumer.class);
    /** Attempts of a handler failing while the database is healthy, before the event is dead-lettered. */
    static final int ATTEMPTS = 4;
    static final Duration MAX_PAUSE_BACKOFF = Duration.ofSeconds(5);

    @Inject
    Inbox inbox;

    @Inject
    KeyPositions positions;

    @Inject
    DatabaseProbe database;

    @Inject
    MeterRegistry metrics;

    private final AtomicInteger paused = new AtomicInteger();

    @PostConstruct
    void gauges() {
        metrics.gauge("platform.inbox.paused", paused);
    }

    public Outcome consume(ConsumerRecord<String, byte[]> record, EventHandlers handlers) {
        IncomingEvent event = CloudEventEnvelope.read(record);
        var handler = handlers.handlerFor(event.type());
        if (handler.isEmpty()) {
            return skip(event);
        }
        Optional<MalformedEventException> breach = schemaBreach(event);
        if (breach.isPresent()) {
            throw deadLetter(event, breach.get());
        }
        if (!handlers.concerns(event)) {
            return skip(event);
        }
        return withRetries(event, () -> handleOnce(event, handler.get()));
    }

    /** Still numbered: a key's later events must not wait for one this consumer ignores. */
    private Outcome skip(IncomingEvent event) {
        return event.sequence() == null ? Outcome.SKIPPED
                : withRetries(event, () -> {
                    positions.skip(event);
                    return Outcome.SKIPPED;
                });
    }

    /** A known type must match its JSON Schema; a type this build does not know (a newer version) passes unvalidated. */
    static Optional<MalformedEventException> schemaBreach(IncomingEvent event) {
        if (EventCatalogue.byCeType(event.type()).isEmpty()) {
            return Optional.empty();
        }
        List<String> violations;
        try {
            violations = EventSchemas.validate(event.type(), event.tree()); // parsed once, for the handlers too
        } catch (MalformedEventException noJson) {
            violations = List.of(noJson.getMessage());
        }
        return violations.isEmpty() ? Optional.empty()
                : Optional.of(new MalformedEventException("Event " + event.id() + " of type " + event.type()
                        + " breaks its schema: " + String.join("; ", violations)));
    }

    private Outcome withRetries(IncomingEvent event, java.util.concurrent.Callable<Outcome> work) {
        int failuresWhileHealthy = 0;
        long backoff = 250;
        boolean pausing = false;
        try {
            while (true) {
                try {
                    Outcome outcome = QuarkusTransaction.requiringNew().call(work);
                    metrics.counter("platform.inbox.events", "type", event.type(), "outcome", outcome.name()).increment();
                    if (pausing) {
                        LOG.infof("Database reachable again; %s %s handled", event.type(), event.id());
                    }
                    return outcome;
                } catch (MalformedEventException e) {
                    throw deadLetter(event, e);
                } catch (RuntimeException e) {
                    if (Failures.isInfrastructure(e) || !database.reachable()) {
                        if (!pausing) {
                            pausing = true;
                            paused.incrementAndGet();
                            LOG.warnf("Database unreachable (%s): consumption waits on %s %s until it answers",
                                    SafeErrors.describe(e), event.type(), event.id());
                        }
                        sleep(backoff);
                        backoff = Math.min(backoff * 2, MAX_PAUSE_BACKOFF.toMillis());
                        continue;
                    }
                    failuresWhileHealthy++;
                    LOG.warnf("Handling %s %s failed (attempt %d of %d): %s", event.type(), event.id(),
                            failuresWhileHealthy, ATTEMPTS, SafeErrors.describe(e));
                    if (failuresWhileHealthy >= ATTEMPTS) {
                        throw deadLetter(event, e);
                    }
                    sleep(250L << failuresWhileHealthy);
                }
            }
        } finally {
            if (pausing) {
                paused.decrementAndGet();
            }
        }
    }

    private Outcome handleOnce(IncomingEvent event, Consumer<IncomingEvent> handler) {
        if (positions.check(event) == KeyPositions.Position.AHEAD) {
            return Outcome.WAITING_FOR_EARLIER;
        }
        if (!inbox.firstDelivery(event)) {
            positions.advance(event);
            return Outcome.DUPLICATE;
        }
        handler.accept(event);
        positions.advance(event);
        return Outcome.HANDLED;
    }

    /**
     * The event goes to the dead-letter topic (the channel's failure strategy takes the exception);
     * its sequence number is passed first, so the key's later events do not wait for it.
     */
    RuntimeException deadLetter(IncomingEvent event, RuntimeException cause) {
        if (event.sequence() != null) {
            try {
                QuarkusTransaction.requiringNew().run(() -> positions.skip(event));
            } catch (RuntimeException e) {
                LOG.warnf("Could not pass the sequence of dead-lettered %s %s: %s", event.type(), event.id(),
                        SafeErrors.describe(e));
            }
        }
        metrics.counter("platform.inbox.dead-lettered", "type", String.valueOf(event.type())).increment();
        return cause;
    }

    /** The batch consumer's pauses count in the same {@code platform.inbox.paused} gauge. */
    void pauseStarted() {
        paused.incrementAndGet();
    }

    void pauseEnded() {
        paused.decrementAndGet();
    }

    int pausedNow() {
        return paused.get();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry", e);
        }
    }

    public enum Outcome { HANDLED, DUPLICATE, SKIPPED, WAITING_FOR_EARLIER }
}
