package dev.privacy.consent.messaging;

import dev.privacy.consent.service.DestructionService;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.runtime.config.PlatformConfig;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.BatchHandler;
import dev.privacy.platform.runtime.inbox.BatchInboxConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * retention.events: RetentionExpired of a category this service holds destroys it and answers
 * DataDestroyed. A poll at a time (batch inbox: one transaction per poll; every owner reads every
 * RetentionExpired and DestructionCertified of the platform). Idempotent through the inbox; poison to {@code retention.events.consent-service.dlq}.
 */
@ApplicationScoped
public class RetentionEventsConsumer {

    private final BatchInboxConsumer inbox;
    private final EventHandlers handlers;
    private final BatchHandler setBased;

    @Inject
    public RetentionEventsConsumer(BatchInboxConsumer inbox, DestructionService destruction, PlatformConfig platform) {
        this.inbox = inbox;
        // another owner's RetentionExpired is skipped before the inbox (no row, no handler call)
        this.handlers = EventHandlers.builder()
                .on(RetentionExpired.class, expired -> platform.service().equals(expired.ownerService()),
                        destruction::onRetentionExpired)
                .build();
        // the batch destroyed set-based; the per-event handler is the fallback when a batch fails
        this.setBased = destruction::onRetentionExpiredAll;
    }

    @Incoming("retention-events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, handlers, setBased);
    }
}
