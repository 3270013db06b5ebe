package dev.privacy.platform.runtime.inbox;

import dev.privacy.platform.events.CloudEventHeaders;
import dev.privacy.platform.events.EventCatalogue;
import dev.privacy.platform.events.EventSchemas;
import dev.privacy.platform.runtime.envelope.CloudEventEnvelope;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.envelope.MalformedEventException;
import dev.privacy.platform.runtime.logging.SafeErrors;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way a service consumes events (docs/ARCHITECTURE.md R9, R10): all records of one poll
 * in one transaction — their inbox rows (one statement), the per-key order ({@link KeyPositions}:
 * one read and at most two writes) and the work's effects — then the dead-lettered records nacked
 * and the batch acknowledged. A channel sets {@code mp.messaging.incoming.<channel>.batch=true}:
 * <pre>{@code
 * @Incoming("member-events")
 * @Blocking
 * public CompletionStage<Void> memberEvents(KafkaRecordBatch<String, byte[]> batch) {
 *     return inbox.consume(batch, handlers);                     // a handler per type, each event in turn
 *     // or inbox.consume(batch, accepted, setBasedWork)         // one call for the batch's events
 *     // or inbox.consumeSelfRecorded(batch, accepted, work)     // work that is its own inbox (no inbox rows)
 * }
 * }</pre>
 *
 * <p>Each event is acted on once, a key's events in their order, a malformed event goes to the
 * channel's dead-letter topic and the others flow on. When a batch's transaction fails while the
 * database answers, its records are handled again as batches of one, each tried {@link #ATTEMPTS}
 * times before it is dead-lettered: only the poison record goes, the rest commit. While the database
 * is unreachable the batch (or the batch of one) waits, however long that takes, counted in
 * {@code platform.inbox.paused}, so an outage pauses the partition instead of dead-lettering good
 * events or letting a key's later events overtake an earlier one.
 */
@ApplicationScoped
public class InboxConsumer {

    private static final Logger LOG = Logger.getLogger(InboxConsumer.class);
    /** Attempts of a batch of one failing while the database is healthy, before its record is dead-lettered. */
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

    /** The batch, each event routed to its type's handler in turn, in the batch's one transaction. */
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch, EventHandlers handlers) {
        return consume(batch, handlers, null);
    }

    /**
     * The batch, with {@code setBased} doing the whole batch's work in one call ({@code accepted} say
     * which types and events are this consumer's); a batch of one when a batch is handled again.
     */
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch, EventHandlers accepted,
                                         BatchHandler setBased) {
        return settle(batch, handle(consumerRecords(batch), accepted, setBased));
    }

    /** As {@link #consume(KafkaRecordBatch, EventHandlers, BatchHandler)} for work that records the event IDs itself: no inbox rows. */
    public CompletionStage<Void> consumeSelfRecorded(KafkaRecordBatch<String, byte[]> batch, EventHandlers accepted,
                                                     IdempotentBatchHandler setBased) {
        return settle(batch, handleSelfRecorded(consumerRecords(batch), accepted, setBased));
    }

    /**
     * Handles the records (one poll, in the order consumed) and says, index for index, what became
     * of each. Nothing here acknowledges: {@link #consume} does, from these results. A null
     * {@code setBased} routes each event to its type's handler.
     */
    public List<RecordResult> handle(List<ConsumerRecord<String, byte[]>> records, EventHandlers handlers,
                                     BatchHandler setBased) {
        BatchHandler work = setBased != null ? setBased : handlers::routeEach;
        return handleWith(records, handlers, events -> {
            // the inbox's one statement says which are first deliveries; the work acts on those
            Set<UUID> first = inbox.firstDeliveries(events);
            List<IncomingEvent> toActOn = events.stream().filter(e -> first.contains(e.id())).toList();
            if (!toActOn.isEmpty()) {
                work.handle(toActOn);
            }
            return first;
        });
    }

    /** {@link #handle} for work that records the event IDs itself: no inbox rows. */
    public List<RecordResult> handleSelfRecorded(List<ConsumerRecord<String, byte[]>> records, EventHandlers accepted,
                                                 IdempotentBatchHandler setBased) {
        return handleWith(records, accepted, setBased);
    }

    private List<RecordResult> handleWith(List<ConsumerRecord<String, byte[]>> records, EventHandlers accepted,
                                          IdempotentBatchHandler work) {
        if (records.isEmpty()) {
            return List.of();
        }
        try {
            List<RecordResult> results = waitingOutOutages("a batch of " + records.size() + " records",
                    () -> handleInOneTransaction(records, accepted, work));
            count("platform.inbox.batched-events", results);
            return results;
        } catch (RuntimeException failure) {
            LOG.warnf("Batch of %d records failed while the database answers (%s): handled as batches of one",
                    records.size(), SafeErrors.describe(failure));
            metrics.counter("platform.inbox.batch-fallbacks").increment();
            List<RecordResult> results = new ArrayList<>(records.size());
            for (ConsumerRecord<String, byte[]> record : records) {
                results.add(handleAlone(record, accepted, work));
            }
            return results;
        }
    }

    /** A record as a batch of one, tried {@link #ATTEMPTS} times while the database answers, then dead-lettered. */
    private RecordResult handleAlone(ConsumerRecord<String, byte[]> record, EventHandlers accepted,
                                     IdempotentBatchHandler work) {
        for (int failures = 1; ; failures++) {
            try {
                RecordResult result = waitingOutOutages("record " + record.topic() + "/" + record.offset(),
                        () -> handleInOneTransaction(List.of(record), accepted, work)).get(0);
                if (!result.deadLettered()) {
                    metrics.counter("platform.inbox.events", "type", typeOf(record), "outcome", result.outcome().name())
                            .increment();
                }
                return result;
            } catch (MalformedEventException e) {
                return deadLetteredAfterFailure(record, e);
            } catch (RuntimeException e) {
                LOG.warnf("Handling %s at %s/%d failed (attempt %d of %d): %s", typeOf(record), record.topic(),
                        record.offset(), failures, ATTEMPTS, SafeErrors.describe(e));
                if (failures >= ATTEMPTS) {
                    return deadLetteredAfterFailure(record, e);
                }
                sleep(250L << failures);
            }
        }
    }

    /**
     * Runs the work in a transaction of its own until it commits or fails while the database
     * answers; while the database is unreachable it waits, with a backoff up to
     * {@link #MAX_PAUSE_BACKOFF}, counted in {@code platform.inbox.paused}.
     */
    private <T> T waitingOutOutages(String what, Callable<T> work) {
        long backoff = 250;
        boolean pausing = false;
        try {
            while (true) {
                try {
                    T done = QuarkusTransaction.requiringNew().call(work);
                    if (pausing) {
                        LOG.infof("Database reachable again; %s handled", what);
                    }
                    return done;
                } catch (RuntimeException e) {
                    if (!(e instanceof MalformedEventException) && (Failures.isInfrastructure(e) || !database.reachable())) {
                        if (!pausing) {
                            pausing = true;
                            paused.incrementAndGet();
                            LOG.warnf("Database unreachable (%s): consumption waits on %s until it answers",
                                    SafeErrors.describe(e), what);
                        }
                        sleep(backoff);
                        backoff = Math.min(backoff * 2, MAX_PAUSE_BACKOFF.toMillis());
                        continue;
                    }
                    throw e;
                }
            }
        } finally {
            if (pausing) {
                paused.decrementAndGet();
            }
        }
    }

    private List<RecordResult> handleInOneTransaction(List<ConsumerRecord<String, byte[]>> records,
                                                      EventHandlers accepted, IdempotentBatchHandler work) {
        RecordResult[] results = new RecordResult[records.size()];
        List<Integer> candidates = new ArrayList<>();
        IncomingEvent[] events = new IncomingEvent[records.size()];
        for (int i = 0; i < records.size(); i++) {
            try {
                events[i] = CloudEventEnvelope.read(records.get(i));
            } catch (MalformedEventException e) {
                results[i] = deadLettered("unreadable", e);
            }
        }
        KeyPositions.Batch positions = this.positions.batch(Arrays.stream(events).filter(Objects::nonNull).toList());
        for (int i = 0; i < records.size(); i++) {
            IncomingEvent event = events[i];
            if (event == null) {
                continue;
            }
            if (!accepted.accepts(event.type())) {
                // still numbered: a key's later events must not wait for one this consumer ignores
                positions.skip(event);
                results[i] = RecordResult.of(Outcome.SKIPPED);
                continue;
            }
            Optional<MalformedEventException> breach = schemaBreach(event);
            if (breach.isPresent()) {
                positions.skip(event); // dead-lettered: the key's later events do not wait for it
                results[i] = deadLettered(event.type(), breach.get());
                continue;
            }
            if (!accepted.concerns(event)) {
                positions.skip(event);
                results[i] = RecordResult.of(Outcome.SKIPPED);
                continue;
            }
            // In consumption order, so a copy that came early waits and the key's next event sees this one's number.
            if (positions.check(event) == KeyPositions.Position.AHEAD) {
                results[i] = RecordResult.of(Outcome.WAITING_FOR_EARLIER);
                continue;
            }
            positions.advance(event);
            candidates.add(i);
        }
        positions.save();

        Set<UUID> acted = work.handleFirstDeliveries(distinct(candidates.stream().map(i -> events[i]).toList()));
        Set<UUID> taken = new HashSet<>();
        for (int i : candidates) {
            boolean first = acted.contains(events[i].id()) && taken.add(events[i].id());
            results[i] = RecordResult.of(first ? Outcome.HANDLED : Outcome.DUPLICATE);
        }
        return Arrays.asList(results);
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

    /**
     * A record whose work keeps failing goes to the dead-letter topic; its sequence number is passed
     * first, in a transaction of its own, so the key's later events do not wait for it.
     */
    private RecordResult deadLetteredAfterFailure(ConsumerRecord<String, byte[]> record, RuntimeException cause) {
        String type = typeOf(record);
        try {
            IncomingEvent event = CloudEventEnvelope.read(record);
            if (event.sequence() != null) {
                QuarkusTransaction.requiringNew().run(() -> {
                    KeyPositions.Batch positions = this.positions.batch(List.of(event));
                    positions.skip(event);
                    positions.save();
                });
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not pass the sequence of dead-lettered %s at %s/%d: %s", type, record.topic(),
                    record.offset(), SafeErrors.describe(e));
        }
        return deadLettered(type, cause);
    }

    private RecordResult deadLettered(String type, RuntimeException cause) {
        metrics.counter("platform.inbox.dead-lettered", "type", type).increment();
        return RecordResult.deadLettered(cause);
    }

    private void count(String metric, List<RecordResult> results) {
        for (RecordResult result : results) {
            if (!result.deadLettered()) {
                metrics.counter(metric, "outcome", result.outcome().name()).increment();
            }
        }
    }

    private static String typeOf(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader(CloudEventHeaders.TYPE);
        return header == null ? "unreadable" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<IncomingEvent> distinct(List<IncomingEvent> events) {
        Set<UUID> seen = new HashSet<>();
        return events.stream().filter(e -> seen.add(e.id())).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> consumerRecords(KafkaRecordBatch<String, byte[]> batch) {
        return batch.getRecords().stream().map(InboxConsumer::consumerRecord).toList();
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, byte[]> consumerRecord(KafkaRecord<String, byte[]> record) {
        return (ConsumerRecord<String, byte[]>) record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("Not a record consumed from Kafka"))
                .getRecord();
    }

    /**
     * The dead-lettered records nacked (to the dead-letter topic), then the batch acked once. The
     * connector tracks only each partition's last record of a batch for the commit, so one batch ack
     * does what an ack per record did (each two event-loop hops, 2,000 per poll), and coming after
     * the dead letters it cannot commit past a record not yet in its dead-letter topic.
     */
    private static CompletionStage<Void> settle(KafkaRecordBatch<String, byte[]> batch, List<RecordResult> results) {
        List<KafkaRecord<String, byte[]>> records = batch.getRecords();
        List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RecordResult result = results.get(i);
            if (result.deadLettered()) {
                deadLettered.add(records.get(i).nack(result.deadLetterCause()).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new)).thenCompose(nacked -> batch.ack());
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
