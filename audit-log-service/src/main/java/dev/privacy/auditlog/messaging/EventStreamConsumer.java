package dev.privacy.auditlog.messaging;

import dev.privacy.auditlog.service.AuditChain;
import dev.privacy.auditlog.service.RetentionPurge;
import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.inbox.IdempotentBatchHandler;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Every topic of the platform flows into the audit chain, each event exactly once (the entry's
 * unique source event ID is the inbox), a poll's
 * records at a time: one transaction per batch with one chained multi-row insert (the batch
 * inbox). A RetentionExpired is logged like any event and, in the same transaction, purges expired
 * log entries (P17, P19).
 */
@ApplicationScoped
public class EventStreamConsumer {

    private static final String RETENTION_EXPIRED = EventDescriptor.of(RetentionExpired.class).ceType();

    /** Every type, known to this build or not: the log records them all. */
    private final EventHandlers everyType = EventHandlers.builder().acceptAll().build();
    private final IdempotentBatchHandler appendBatch;
    private final IdempotentBatchHandler appendBatchAndPurge;
    private final InboxConsumer inbox;

    @Inject
    public EventStreamConsumer(InboxConsumer inbox, AuditChain chain, RetentionPurge purge) {
        this.inbox = inbox;
        // The entries' unique source event IDs are the inbox.
        this.appendBatch = chain::appendNew;
        this.appendBatchAndPurge = events -> appendThenPurge(chain, purge, events);
    }

    /**
     * The batch's new entries first, then each new RetentionExpired's purge: a purge only blanks
     * entries older than its cut-off, which the entries just appended are not, so the effect does not
     * depend on how the events are batched.
     */
    private static Set<UUID> appendThenPurge(AuditChain chain, RetentionPurge purge, List<IncomingEvent> events) {
        Set<UUID> appended = chain.appendNew(events);
        events.stream().filter(e -> appended.contains(e.id()) && RETENTION_EXPIRED.equals(e.type()))
                .forEach(purge::onExpired);
        return appended;
    }

    @Incoming("member-events")
    @Blocking
    public CompletionStage<Void> memberEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consumeSelfRecorded(batch, everyType, appendBatch);
    }

    @Incoming("consent-events")
    @Blocking
    public CompletionStage<Void> consentEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consumeSelfRecorded(batch, everyType, appendBatch);
    }

    @Incoming("retention-events")
    @Blocking
    public CompletionStage<Void> retentionEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consumeSelfRecorded(batch, everyType, appendBatchAndPurge);
    }

    @Incoming("disclosure-events")
    @Blocking
    public CompletionStage<Void> disclosureEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consumeSelfRecorded(batch, everyType, appendBatch);
    }

    @Incoming("access-records")
    @Blocking
    public CompletionStage<Void> accessRecords(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consumeSelfRecorded(batch, everyType, appendBatch);
    }
}
