package dev.privacy.auditlog.messaging;

import dev.privacy.auditlog.service.AuditChain;
import dev.privacy.auditlog.service.RetentionPurge;
import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.inbox.BatchHandler;
import dev.privacy.platform.runtime.inbox.BatchInboxConsumer;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Every topic of the platform flows into the audit chain, each event exactly once (inbox), a poll's
 * records at a time: one transaction per batch with one chained multi-row insert (the batch
 * inbox). A RetentionExpired is logged like any event and, in the same transaction, purges expired
 * log entries (P17, P19).
 */
@ApplicationScoped
public class EventStreamConsumer {

    private static final String RETENTION_EXPIRED = EventDescriptor.of(RetentionExpired.class).ceType();

    private final EventHandlers appendAll;
    private final EventHandlers appendAndPurge;
    private final BatchHandler appendBatch;
    private final BatchHandler appendBatchAndPurge;
    private final BatchInboxConsumer inbox;

    @Inject
    public EventStreamConsumer(BatchInboxConsumer inbox, AuditChain chain, RetentionPurge purge) {
        this.inbox = inbox;
        // Per record: the one-at-a-time fallback of a failed batch, and the types handled.
        this.appendAll = EventHandlers.builder().otherwise(chain::append).build();
        this.appendAndPurge = EventHandlers.builder()
                .on(RetentionExpired.class, (expired, envelope) -> {
                    chain.append(envelope);
                    purge.onExpired(envelope);
                })
                .otherwise(chain::append)
                .build();
        // Per batch: the same effects, set-based.
        this.appendBatch = chain::appendAll;
        this.appendBatchAndPurge = events -> appendThenPurge(chain, purge, events);
    }

    /**
     * The batch's entries first, then each RetentionExpired's purge: a purge only blanks entries
     * older than its cut-off, which the entries just appended are not, so the effect is that of
     * appending and purging one event at a time.
     */
    private static void appendThenPurge(AuditChain chain, RetentionPurge purge, List<IncomingEvent> events) {
        chain.appendAll(events);
        events.stream().filter(e -> RETENTION_EXPIRED.equals(e.type())).forEach(purge::onExpired);
    }

    @Incoming("member-events")
    @Blocking
    public CompletionStage<Void> memberEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, appendAll, appendBatch);
    }

    @Incoming("consent-events")
    @Blocking
    public CompletionStage<Void> consentEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, appendAll, appendBatch);
    }

    @Incoming("retention-events")
    @Blocking
    public CompletionStage<Void> retentionEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, appendAndPurge, appendBatchAndPurge);
    }

    @Incoming("disclosure-events")
    @Blocking
    public CompletionStage<Void> disclosureEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, appendAll, appendBatch);
    }

    @Incoming("access-records")
    @Blocking
    public CompletionStage<Void> accessRecords(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, appendAll, appendBatch);
    }
}
