package dev.privacy.consent.messaging;

import dev.privacy.consent.domain.ConsentSubject;
import dev.privacy.platform.events.member.MemberRegistered;
import dev.privacy.platform.runtime.envelope.IncomingEvent;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;

/** Opens a member's consent ledger when the member registers; idempotent through the inbox. */
@ApplicationScoped
public class MemberEventsConsumer {

    private final InboxConsumer inbox;
    private final Clock clock;
    private final EventHandlers handlers;

    @Inject
    public MemberEventsConsumer(InboxConsumer inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
        this.handlers = EventHandlers.builder().on(MemberRegistered.class, this::openLedger).build();
    }

    @Incoming("member-events")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        inbox.consume(record, handlers);
    }

    void openLedger(MemberRegistered registered, IncomingEvent envelope) {
        if (ConsentSubject.findById(registered.memberId()) != null) {
            return;
        }
        ConsentSubject subject = new ConsentSubject();
        subject.memberId = registered.memberId();
        subject.guardianRequired = registered.guardianConsentRequired();
        subject.registeredEvent = envelope.id();
        subject.openedAt = clock.instant();
        subject.persist();
    }
}
