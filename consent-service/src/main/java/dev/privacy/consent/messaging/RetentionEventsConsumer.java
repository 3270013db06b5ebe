package dev.privacy.consent.messaging;

import dev.privacy.consent.service.DestructionService;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * retention.events: RetentionExpired of a category this service holds destroys it and answers
 * DataDestroyed. Idempotent through the inbox; poison to {@code retention.events.consent-service.dlq}.
 */
@ApplicationScoped
public class RetentionEventsConsumer {

    private final InboxConsumer inbox;
    private final EventHandlers handlers;

    @Inject
    public RetentionEventsConsumer(InboxConsumer inbox, DestructionService destruction) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder().on(RetentionExpired.class, destruction::onRetentionExpired).build();
    }

    @Incoming("retention-events")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.consume(record, handlers);
    }
}
