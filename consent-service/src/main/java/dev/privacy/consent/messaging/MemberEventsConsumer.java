package dev.privacy.consent.messaging;

import dev.privacy.consent.service.MembershipService;
import dev.privacy.platform.events.member.MemberRegistered;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * member.events: MemberRegistered opens the member's consent ledger, MemberWithdrawn ends every
 * consent and destroys the cookie preferences. A poll at a time in one transaction (batch inbox):
 * most of member.events is not for this service (e.g. member-service's DataDestroyed, one per
 * destruction), and skipping it one transaction per record cost more than the work (BENCHMARKS.md,
 * issue 8). Idempotent through the inbox; poison to {@code member.events.consent-service.dlq}.
 */
@ApplicationScoped
public class MemberEventsConsumer {

    private final InboxConsumer inbox;
    private final EventHandlers handlers;

    @Inject
    public MemberEventsConsumer(InboxConsumer inbox, MembershipService membership) {
        this.inbox = inbox;
        this.handlers = EventHandlers.builder()
                .on(MemberRegistered.class, membership::onRegistered)
                .on(MemberWithdrawn.class, membership::onWithdrawn)
                .build();
    }

    @Incoming("member-events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, handlers);
    }
}
