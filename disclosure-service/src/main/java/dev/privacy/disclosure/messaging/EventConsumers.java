package dev.privacy.disclosure.messaging;

import dev.privacy.disclosure.service.ConsentKnowledge;
import dev.privacy.disclosure.service.CorrectionNotices;
import dev.privacy.disclosure.service.LedgerRetention;
import dev.privacy.platform.events.consent.ConsentGranted;
import dev.privacy.platform.events.consent.ConsentWithdrawn;
import dev.privacy.platform.events.member.CorrectionApplied;
import dev.privacy.platform.events.member.CorrectionRejected;
import dev.privacy.platform.events.member.CorrectionRequested;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.runtime.destruction.DestructionAnswers;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * What disclosure-service reacts to (docs/ARCHITECTURE.md R3): provision consents granted and withdrawn
 * (consent.events); withdrawals and corrections (member.events, P13, P14); RetentionExpired of the
 * disclosure records (retention.expired.disclosure-service). Each event is handled once (inbox); poison goes to
 * {@code <topic>.disclosure-service.dlq}.
 */
@ApplicationScoped
public class EventConsumers {

    @Inject
    InboxConsumer inbox;

    @Inject
    ConsentKnowledge knowledge;

    @Inject
    CorrectionNotices notices;

    @Inject
    LedgerRetention retention;

    @Inject
    DestructionAnswers answers;

    private EventHandlers consentHandlers;
    private EventHandlers memberHandlers;
    private EventHandlers retentionHandlers;

    @PostConstruct
    void init() {
        consentHandlers = EventHandlers.builder()
                .on(ConsentGranted.class, knowledge::onConsentGranted)
                .on(ConsentWithdrawn.class, knowledge::onConsentWithdrawn)
                .build();
        memberHandlers = EventHandlers.builder()
                .on(MemberWithdrawn.class, knowledge::onMemberWithdrawn)
                .on(CorrectionRequested.class, knowledge::onCorrectionRequested)
                .on(CorrectionRejected.class, knowledge::onCorrectionRejected)
                .on(CorrectionApplied.class, (CorrectionApplied e) -> {
                    knowledge.liftRestriction(e);
                    notices.onCorrectionApplied(e);
                })
                .build();
        retentionHandlers = answers.expiries();
    }

    /**
     * consent.events and member.events a poll at a time in one transaction each (batch inbox): most
     * of their records are not for this service (the other owners' DataDestroyed, one per destruction),
     * and skipping them one transaction per record cost more than the work (BENCHMARKS.md, issue 8).
     */
    @Incoming("consent-events")
    @Blocking
    public CompletionStage<Void> onConsentEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, consentHandlers);
    }

    @Incoming("member-events")
    @Blocking
    public CompletionStage<Void> onMemberEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, memberHandlers);
    }

    /**
     * A poll at a time of retention.expired.disclosure-service: only this service's expiries, destroyed
     * set-based.
     */
    @Incoming("retention-expired")
    @Blocking
    public CompletionStage<Void> onRetentionExpired(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, retentionHandlers, retention::onRetentionExpired);
    }
}
