package dev.privacy.auditlog.messaging;

import dev.privacy.auditlog.service.AuditChain;
import dev.privacy.auditlog.service.RetentionPurge;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every topic of the platform flows into the audit chain, each event exactly once (inbox). A
 * RetentionExpired is logged like any event and, in the same transaction, purges expired log
 * entries (P17, P19).
 */
@ApplicationScoped
public class EventStreamConsumer {

    private final EventHandlers appendAll;
    private final EventHandlers appendAndPurge;
    private final InboxConsumer inbox;

    @Inject
    public EventStreamConsumer(InboxConsumer inbox, AuditChain chain, RetentionPurge purge) {
        this.inbox = inbox;
        this.appendAll = EventHandlers.builder().otherwise(chain::append).build();
        this.appendAndPurge = EventHandlers.builder()
                .on(RetentionExpired.class, (expired, envelope) -> {
                    chain.append(envelope);
                    purge.onExpired(envelope);
                })
                .otherwise(chain::append)
                .build();
    }

    @Incoming("member-events")
    @Blocking
    public void memberEvents(ConsumerRecord<String, byte[]> record) {
        inbox.consume(record, appendAll);
    }

    @Incoming("consent-events")
    @Blocking
    public void consentEvents(ConsumerRecord<String, byte[]> record) {
        inbox.consume(record, appendAll);
    }

    @Incoming("retention-events")
    @Blocking
    public void retentionEvents(ConsumerRecord<String, byte[]> record) {
        inbox.consume(record, appendAndPurge);
    }

    @Incoming("disclosure-events")
    @Blocking
    public void disclosureEvents(ConsumerRecord<String, byte[]> record) {
        inbox.consume(record, appendAll);
    }

    @Incoming("access-records")
    @Blocking
    public void accessRecords(ConsumerRecord<String, byte[]> record) {
        inbox.consume(record, appendAll);
    }
}
