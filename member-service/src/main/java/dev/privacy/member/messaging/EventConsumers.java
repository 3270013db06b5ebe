package dev.privacy.member.messaging;

import dev.privacy.member.service.ActivationService;
import dev.privacy.member.service.DestructionService;
import dev.privacy.platform.events.consent.GuardianConsentConfirmed;
import dev.privacy.platform.runtime.destruction.DestructionAnswers;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * What member-service reacts to (docs/ARCHITECTURE.md R3): GuardianConsentConfirmed on consent.events and
 * RetentionExpired on retention.expired.member-service. Each event is handled once (inbox, in the effect's
 * transaction); a poison event goes to the topic's .dlq.
 */
@ApplicationScoped
public class EventConsumers {

    @Inject
    InboxConsumer inbox;

    @Inject
    ActivationService activation;

    @Inject
    DestructionService destruction;

    @Inject
    DestructionAnswers answers;

    private EventHandlers consentHandlers;
    private EventHandlers retentionHandlers;

    @jakarta.annotation.PostConstruct
    void init() {
        consentHandlers = EventHandlers.builder()
                .on(GuardianConsentConfirmed.class, activation::onGuardianConsent)
                .build();
        retentionHandlers = answers.expiries();
    }

    /**
     * A poll at a time in one transaction (batch inbox): most of consent.events is not for this
     * service (consent-service's DataDestroyed, one per destruction, and every consent change), and
     * skipping it one transaction per record cost more than the work (BENCHMARKS.md, issue 8).
     */
    @Incoming("consent-events")
    @Blocking
    public CompletionStage<Void> onConsentEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, consentHandlers);
    }

    /**
     * A poll at a time of retention.expired.member-service: only this service's expiries, destroyed
     * set-based.
     */
    @Incoming("retention-expired")
    @Blocking
    public CompletionStage<Void> onRetentionExpired(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, retentionHandlers, destruction::onRetentionExpired);
    }
}
