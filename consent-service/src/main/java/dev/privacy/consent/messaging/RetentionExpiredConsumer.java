package dev.privacy.consent.messaging;

import dev.privacy.consent.service.DestructionService;
import dev.privacy.platform.runtime.destruction.DestructionAnswers;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.BatchHandler;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * retention.expired.consent-service: a RetentionExpired of a category this service holds destroys it
 * and answers DataDestroyed. A poll at a time (batch inbox: one transaction per poll). Only this
 * service's expiries are on the topic. Idempotent through the inbox; poison to
 * {@code retention.expired.consent-service.consent-service.dlq}.
 */
@ApplicationScoped
public class RetentionExpiredConsumer {

    private final InboxConsumer inbox;
    private final EventHandlers handlers;
    private final BatchHandler setBased;

    @Inject
    public RetentionExpiredConsumer(InboxConsumer inbox, DestructionService destruction, DestructionAnswers answers) {
        this.inbox = inbox;
        this.handlers = answers.expiries();
        this.setBased = destruction::onRetentionExpired;
    }

    @Incoming("retention-expired")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, handlers, setBased);
    }
}
