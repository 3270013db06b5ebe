package dev.privacy.retention.messaging;

import dev.privacy.platform.events.DataDestroyed;
import dev.privacy.platform.events.member.ComplaintResolved;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.events.member.ServiceApplied;
import dev.privacy.platform.runtime.inbox.EventHandlers;
import dev.privacy.platform.runtime.inbox.InboxConsumer;
import dev.privacy.retention.service.CertificationService;
import dev.privacy.retention.service.ScheduleService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What the retention-service reacts to (DESIGN.md): the events that start a retention clock
 * (member.events) and every owner's DataDestroyed (member, consent, disclosure and audit events).
 * Each event is handled once (inbox, in the effect's transaction); poison goes to
 * {@code <topic>.retention-service.dlq}.
 */
@ApplicationScoped
public class RetentionConsumers {

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
                .on(DataDestroyed.class, certification::onDataDestroyed)
                .build();
        destroyedHandlers = EventHandlers.builder()
                .on(DataDestroyed.class, certification::onDataDestroyed)
                .build();
    }

    @Incoming("member-events")
    @Blocking
    public void onMemberEvent(ConsumerRecord<String, byte[]> record) {
        inbox.consume(record, memberHandlers);
    }

    @Incoming("consent-events")
    @Blocking
    public void onConsentEvent(ConsumerRecord<String, byte[]> record) {
        inbox.consume(record, destroyedHandlers);
    }

    @Incoming("disclosure-events")
    @Blocking
    public void onDisclosureEvent(ConsumerRecord<String, byte[]> record) {
        inbox.consume(record, destroyedHandlers);
    }

    @Incoming("audit-events")
    @Blocking
    public void onAuditEvent(ConsumerRecord<String, byte[]> record) {
        inbox.consume(record, destroyedHandlers);
    }
}
