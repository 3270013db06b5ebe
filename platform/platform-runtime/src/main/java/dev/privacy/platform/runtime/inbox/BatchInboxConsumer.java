package dev.privacy.platform.runtime.inbox;

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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The batch variant of {@link InboxConsumer}: all records of one poll in one transaction — their
 * inbox rows (one statement), the per-key order ({@link KeyPositions}: one read and at most two
 * writes) and the handlers' effects — then each record is acknowledged. Opt-in per channel ({@code mp.messaging.incoming.<channel>.batch=true}):
 * <pre>{@code
 * @Incoming("access-records")
 * @Blocking
 * public CompletionStage<Void> accessRecords(KafkaRecordBatch<String, byte[]> batch) {
 *     return inbox.consume(batch, handlers);              // handlers run per record, one transaction
 *     // or inbox.consume(batch, handlers, setBasedWork)  // one call for the whole batch
 *     // or inbox.consumeSelfRecorded(batch, handlers, w)  // work that is its own inbox (no inbox rows)
 * }
 * }</pre>
 *
 * <p>The guarantees are those of {@link InboxConsumer}: each event acted on once, a key's events in
 * their order, a malformed event to the channel's dead-letter topic, the others flow on. When the
 * batch's transaction fails while the database answers, the batch is handled again one record at a
 * time by {@link InboxConsumer} (with its retries), so only the poison record is dead-lettered and
 * the rest commit. While the database is unreachable the batch waits, however long that takes
 * (counted in {@code platform.inbox.paused}), and is then handled whole.
 */
@ApplicationScoped
public class BatchInboxConsumer {

    private static final Logger LOG = Logger.getLogger(BatchInboxConsumer.class);

    @Inject
    InboxConsumer single;

    @Inject
    Inbox inbox;

    @Inject
    KeyPositions positions;

    @Inject
    DatabaseProbe database;

    @Inject
    MeterRegistry metrics;

    @PostConstruct
    void sharedGauge() {
        single.pausedNow(); // creates the single-record consumer, which registers platform.inbox.paused
    }

    /** The batch, each handler called per event inside the one transaction; then each record acked or dead-lettered. */
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch, EventHandlers handlers) {
        return consume(batch, handlers, null);
    }

    /**
     * As {@link #consume(KafkaRecordBatch, EventHandlers)}, with {@code setBased} doing the whole
     * batch's work in one call; {@code handlers} say which types are handled and serve the
     * one-record-at-a-time fallback.
     */
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch, EventHandlers handlers,
                                         BatchHandler setBased) {
        return settle(batch, handle(consumerRecords(batch), handlers, setBased));
    }

    /**
     * As {@link #consume(KafkaRecordBatch, EventHandlers, BatchHandler)} for work that records the
     * event IDs itself ({@link IdempotentBatchHandler}): no inbox rows are written for the batch.
     */
    public CompletionStage<Void> consumeSelfRecorded(KafkaRecordBatch<String, byte[]> batch, EventHandlers handlers,
                                                     IdempotentBatchHandler setBased) {
        return settle(batch, handleSelfRecorded(consumerRecords(batch), handlers, setBased));
    }

    private static List<ConsumerRecord<String, byte[]>> consumerRecords(KafkaRecordBatch<String, byte[]> batch) {
        return batch.getRecords().stream().map(BatchInboxConsumer::consumerRecord).toList();
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

    /**
     * Handles the records (one poll, in the order consumed) and says, index for index, what became
     * of each. Nothing here acknowledges: {@link #consume} does, from these results.
     */
    public List<RecordResult> handle(List<ConsumerRecord<String, byte[]>> records, EventHandlers handlers,
                                     BatchHandler setBased) {
        return handleWith(records, handlers, events -> {
            // the inbox's one statement says which are first deliveries; the work acts on those
            Set<UUID> first = inbox.firstDeliveries(events);
            List<IncomingEvent> toActOn = events.stream().filter(e -> first.contains(e.id())).toList();
            if (setBased != null) {
                if (!toActOn.isEmpty()) {
                    setBased.handle(toActOn);
                }
            } else {
                toActOn.forEach(event -> handlers.handlerFor(event.type()).orElseThrow().accept(event));
            }
            return first;
        });
    }

    /** {@link #handle} for work that records the event IDs itself: no inbox rows. */
    public List<RecordResult> handleSelfRecorded(List<ConsumerRecord<String, byte[]>> records, EventHandlers handlers,
                                                 IdempotentBatchHandler setBased) {
        return handleWith(records, handlers, setBased);
    }

    private List<RecordResult> handleWith(List<ConsumerRecord<String, byte[]>> records, EventHandlers handlers,
                                          IdempotentBatchHandler work) {
        if (records.isEmpty()) {
            return List.of();
        }
        long backoff = 250;
        boolean pausing = false;
        try {
            while (true) {
                try {
                    List<RecordResult> results = QuarkusTransaction.requiringNew()
                            .call(() -> handleInOneTransaction(records, handlers, work));
                    count(results);
                    if (pausing) {
                        LOG.infof("Database reachable again; batch of %d records handled", records.size());
                    }
                    return results;
                } catch (RuntimeException e) {
                    if (Failures.isInfrastructure(e) || !database.reachable()) {
                        if (!pausing) {
                            pausing = true;
                            single.pauseStarted();
                            LOG.warnf("Database unreachable (%s): consumption waits on a batch of %d records until it answers",
                                    SafeErrors.describe(e), records.size());
                        }
                        InboxConsumer.sleep(backoff);
                        backoff = Math.min(backoff * 2, InboxConsumer.MAX_PAUSE_BACKOFF.toMillis());
                        continue;
                    }
                    LOG.warnf("Batch of %d records failed while the database answers (%s): handled one record at a time",
                            records.size(), SafeErrors.describe(e));
                    metrics.counter("platform.inbox.batch-fallbacks").increment();
                    return oneAtATime(records, handlers);
                }
            }
        } finally {
            if (pausing) {
                single.pauseEnded();
            }
        }
    }

    private List<RecordResult> handleInOneTransaction(List<ConsumerRecord<String, byte[]>> records,
                                                      EventHandlers handlers, IdempotentBatchHandler work) {
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
            if (handlers.handlerFor(event.type()).isEmpty()) {
                // still numbered: a key's later events must not wait for one this consumer ignores
                positions.skip(event);
                results[i] = RecordResult.of(InboxConsumer.Outcome.SKIPPED);
                continue;
            }
            Optional<MalformedEventException> breach = InboxConsumer.schemaBreach(event);
            if (breach.isPresent()) {
                positions.skip(event); // dead-lettered: the key's later events do not wait for it
                results[i] = deadLettered(event.type(), breach.get());
                continue;
            }
            if (!handlers.concerns(event)) {
                positions.skip(event);
                results[i] = RecordResult.of(InboxConsumer.Outcome.SKIPPED);
                continue;
            }
            // In consumption order, so a copy that came early waits and the key's next event sees this one's number.
            if (positions.check(event) == KeyPositions.Position.AHEAD) {
                results[i] = RecordResult.of(InboxConsumer.Outcome.WAITING_FOR_EARLIER);
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
            results[i] = RecordResult.of(first ? InboxConsumer.Outcome.HANDLED : InboxConsumer.Outcome.DUPLICATE);
        }
        return Arrays.asList(results);
    }

    /** The fallback: each record by itself, with {@link InboxConsumer}'s retries, pause and dead-lettering. */
    private List<RecordResult> oneAtATime(List<ConsumerRecord<String, byte[]>> records, EventHandlers handlers) {
        List<RecordResult> results = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                results.add(RecordResult.of(single.consume(record, handlers)));
            } catch (RuntimeException poison) {
                results.add(RecordResult.deadLettered(poison));
            }
        }
        return results;
    }

    private RecordResult deadLettered(String type, RuntimeException cause) {
        metrics.counter("platform.inbox.dead-lettered", "type", type).increment();
        return RecordResult.deadLettered(cause);
    }

    private void count(List<RecordResult> results) {
        for (RecordResult result : results) {
            if (!result.deadLettered()) {
                metrics.counter("platform.inbox.batched-events", "outcome", result.outcome().name()).increment();
            }
        }
    }

    private static List<IncomingEvent> distinct(List<IncomingEvent> events) {
        Set<UUID> seen = new HashSet<>();
        return events.stream().filter(e -> seen.add(e.id())).toList();
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, byte[]> consumerRecord(KafkaRecord<String, byte[]> record) {
        return (ConsumerRecord<String, byte[]>) record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("Not a record consumed from Kafka"))
                .getRecord();
    }
}
