package dev.privacy.consent.messaging;

import dev.privacy.consent.service.MembershipService;
import dev.privacy.platform.events.member.MemberRegistered;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * member.events: MemberRegistered opens the member's consent ledger, MemberWithdrawn ends every
 * consent and destroys the cookie preferences. Idempotent through the inbox; poison to
 * {@code member.events.consent-service.dlq}.
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
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.consume(record, handlers);
    }
}
