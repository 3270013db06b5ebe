package dev.privacy.retention.messaging;

import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.member.ComplaintResolved;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.events.member.ServiceApplied;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.retention.service.CertificationService;
import dev.privacy.retention.service.ScheduleService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import dev.privacy.platform.events.EventDescriptor;
import dev.privacy.platform.runtime.envelope.IncomingEvent;

import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.CompletionStage;

/**
 * What the retention-service reacts to (docs/ARCHITECTURE.md R3): the events that start a retention clock
 * (member.events) and every owner's DataDestroyed (member, consent, disclosure and audit events).
 * A poll's records at a time (the batch inbox: one transaction per poll, each event once); on the
 * topics that carry only DataDestroyed for it, a batch is certified set-based, since a
 * million-schedule sweep sends a million of them, and without inbox rows: a certificate's unique
 * destruction ID already makes a repeat certify nothing. Poison goes to {@code <topic>.retention-service.dlq}.
 */
@ApplicationScoped
public class RetentionConsumers {

    private static final String DATA_DESTROYED = EventDescriptor.of(DataDestroyed.class).ceType();

    @Inject
    InboxConsumer inbox;

    @Inject
    ScheduleService schedules;

    @Inject
    CertificationService certification;

    private EventHandlers memberHandlers;
    private EventHandlers destroyedHandlers;

    @PostConstruct
    void init() {
        memberHandlers = EventHandlers.builder()
                .on(MemberWithdrawn.class, schedules::onMemberWithdrawn)
                .on(ServiceApplied.class, schedules::onServiceApplied)
                .on(ComplaintResolved.class, schedules::onComplaintResolved)
                .accept(DataDestroyed.class) // certified set-based in memberEventsInOrder
                .build();
        destroyedHandlers = EventHandlers.builder()
                .accept(DataDestroyed.class)
                .build();
    }

    @Incoming("member-events")
    @Blocking
    public CompletionStage<Void> onMemberEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consume(batch, memberHandlers, this::memberEventsInOrder);
    }

    /**
     * member.events set-based where it counts: each run of consecutive DataDestroyed is certified in
     * one {@code certifyAll}, every other event by its handler, all in consumption order, so the
     * effect is that of handling the events one by one.
     */
    private void memberEventsInOrder(List<IncomingEvent> events) {
        List<IncomingEvent> destroyed = new ArrayList<>();
        for (IncomingEvent event : events) {
            if (DATA_DESTROYED.equals(event.type())) {
                destroyed.add(event);
                continue;
            }
            if (!destroyed.isEmpty()) {
                certification.certifyAll(destroyed);
                destroyed = new ArrayList<>();
            }
            memberHandlers.route(event);
        }
        if (!destroyed.isEmpty()) {
            certification.certifyAll(destroyed);
        }
    }

    @Incoming("consent-events")
    @Blocking
    public CompletionStage<Void> onConsentEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consumeSelfRecorded(batch, destroyedHandlers, certification::certifyAll);
    }

    @Incoming("disclosure-events")
    @Blocking
    public CompletionStage<Void> onDisclosureEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consumeSelfRecorded(batch, destroyedHandlers, certification::certifyAll);
    }

    @Incoming("audit-events")
    @Blocking
    public CompletionStage<Void> onAuditEvents(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consumeSelfRecorded(batch, destroyedHandlers, certification::certifyAll);
    }
}
