package dev.privacy.platform.events;

import dev.privacy.platform.events.audit.AccessRecorded;
import dev.privacy.platform.events.audit.AuditEntryAppended;
import dev.privacy.platform.events.consent.ConsentGranted;
import dev.privacy.platform.events.consent.ConsentWithdrawn;
import dev.privacy.platform.events.consent.CookiePreferencesChanged;
import dev.privacy.platform.events.consent.GuardianConsentConfirmed;
import dev.privacy.platform.events.disclosure.CorrectionNoticeSent;
import dev.privacy.platform.events.disclosure.DisclosureApproved;
import dev.privacy.platform.events.disclosure.DisclosureExecuted;
import dev.privacy.platform.events.disclosure.DisclosureRejected;
import dev.privacy.platform.events.disclosure.DisclosureRequested;
import dev.privacy.platform.events.member.ComplaintReceived;
import dev.privacy.platform.events.member.ComplaintResolved;
import dev.privacy.platform.events.member.CorrectionApplied;
import dev.privacy.platform.events.member.CorrectionRejected;
import dev.privacy.platform.events.member.CorrectionRequested;
import dev.privacy.platform.events.member.MemberActivated;
import dev.privacy.platform.events.member.MemberRegistered;
import dev.privacy.platform.events.member.MemberSeparated;
import dev.privacy.platform.events.member.MemberWithdrawn;
import dev.privacy.platform.events.member.ServiceApplied;
import dev.privacy.platform.events.retention.DestructionCertified;
import dev.privacy.platform.events.retention.DestructionOverdue;
import dev.privacy.platform.events.retention.LegalHoldPlaced;
import dev.privacy.platform.events.retention.LegalHoldReleased;
import dev.privacy.platform.events.retention.RetentionExpired;
import dev.privacy.platform.events.retention.RetentionScheduled;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every event type of the platform, the topics it may appear on, and lookups by Java class and by
 * CloudEvents {@code type}. The JSON Schemas under {@code /contracts/schemas} and the AsyncAPI document
 * {@code /contracts/asyncapi.yaml} describe exactly these types (contract tests check it).
 */
public final class EventCatalogue {

    private static final Map<Class<? extends DomainEvent>, EventDescriptor> BY_CLASS = new LinkedHashMap<>();
    private static final Map<String, EventDescriptor> BY_CE_TYPE = new LinkedHashMap<>();
    private static final Map<Class<? extends DomainEvent>, Set<String>> TOPICS = new LinkedHashMap<>();

    static {
        on(Topics.MEMBER_EVENTS, MemberRegistered.class, MemberActivated.class, CorrectionRequested.class,
                CorrectionApplied.class, CorrectionRejected.class, ServiceApplied.class, ComplaintReceived.class,
                ComplaintResolved.class, MemberWithdrawn.class, MemberSeparated.class, DataDestroyed.class);
        on(Topics.CONSENT_EVENTS, ConsentGranted.class, ConsentWithdrawn.class, GuardianConsentConfirmed.class,
                CookiePreferencesChanged.class, DataDestroyed.class);
        on(Topics.RETENTION_EVENTS, RetentionScheduled.class, DestructionCertified.class,
                DestructionOverdue.class, LegalHoldPlaced.class, LegalHoldReleased.class);
        Topics.RETENTION_EXPIRED.forEach(ownerTopic -> on(ownerTopic, RetentionExpired.class));
        on(Topics.DISCLOSURE_EVENTS, DisclosureRequested.class, DisclosureApproved.class, DisclosureRejected.class,
                DisclosureExecuted.class, CorrectionNoticeSent.class, DataDestroyed.class);
        on(Topics.AUDIT_EVENTS, DataDestroyed.class);
        on(Topics.AUDIT_COMPLIANCE, AuditEntryAppended.class);
        on(Topics.ACCESS_RECORDS, AccessRecorded.class);
    }

    private static final List<EventDescriptor> ALL = List.copyOf(BY_CLASS.values());

    private EventCatalogue() {
    }

    @SafeVarargs
    private static void on(String topic, Class<? extends DomainEvent>... types) {
        for (Class<? extends DomainEvent> type : types) {
            EventDescriptor descriptor = BY_CLASS.computeIfAbsent(type, EventDescriptor::of);
            EventDescriptor clash = BY_CE_TYPE.putIfAbsent(descriptor.ceType(), descriptor);
            if (clash != null && clash.javaType() != type) {
                throw new IllegalStateException("two event classes share the type " + descriptor.ceType());
            }
            TOPICS.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(topic);
        }
    }

    /** Every event type, in catalogue order. */
    public static List<EventDescriptor> all() {
        return ALL;
    }

    /** The descriptor of a catalogue class. */
    public static Optional<EventDescriptor> byClass(Class<?> javaType) {
        return Optional.ofNullable(BY_CLASS.get(javaType));
    }

    /** The descriptor of a CloudEvents {@code type} such as {@code MemberWithdrawn.v1}. */
    public static Optional<EventDescriptor> byCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    /** The descriptor of a catalogue class; throws for a class that is not in the catalogue. */
    public static EventDescriptor of(Class<?> javaType) {
        return byClass(javaType).orElseThrow(
                () -> new IllegalArgumentException(javaType.getName() + " is not in the event catalogue"));
    }

    /** The descriptor of an event's class. */
    public static EventDescriptor of(DomainEvent event) {
        return of(event.getClass());
    }

    /** The CloudEvents {@code type} of an event, e.g. {@code MemberWithdrawn.v1}. */
    public static String ceType(DomainEvent event) {
        return of(event).ceType();
    }

    /** Every topic a type may appear on (several only for {@link DataDestroyed} and {@link RetentionExpired}). */
    public static Set<String> topicsOf(Class<?> javaType) {
        Set<String> topics = TOPICS.get(javaType);
        if (topics == null) {
            throw new IllegalArgumentException(javaType.getName() + " is not in the event catalogue");
        }
        return Collections.unmodifiableSet(topics);
    }

    /**
     * The topic an event is published to: its type's only topic; for {@link DataDestroyed} the topic
     * of the service that destroyed the data ({@link Services#eventsTopic(String)}); for
     * {@link RetentionExpired} the topic of the owner that must destroy it ({@link Topics#retentionExpired}).
     */
    public static String topicOf(DomainEvent event) {
        Set<String> topics = topicsOf(event.getClass());
        if (topics.size() == 1) {
            return topics.iterator().next();
        }
        if (event instanceof DataDestroyed destroyed) {
            String topic = Services.eventsTopic(destroyed.service());
            if (topics.contains(topic)) {
                return topic;
            }
            throw new IllegalArgumentException(destroyed.service() + " does not publish DataDestroyed");
        }
        if (event instanceof RetentionExpired expired) {
            return Topics.retentionExpired(expired.ownerService());
        }
        throw new IllegalStateException(event.getClass().getName() + " has several topics: " + topics);
    }

    /** Whether a type may appear on a topic. */
    public static boolean allowedOn(Class<?> javaType, String topic) {
        Set<String> topics = TOPICS.get(javaType);
        return topics != null && topics.contains(topic);
    }

    /** The types that may appear on a topic, in catalogue order; empty for an unknown topic. */
    public static List<EventDescriptor> on(String topic) {
        List<EventDescriptor> result = new ArrayList<>();
        TOPICS.forEach((type, topics) -> {
            if (topics.contains(topic)) {
                result.add(BY_CLASS.get(type));
            }
        });
        return List.copyOf(result);
    }
}
