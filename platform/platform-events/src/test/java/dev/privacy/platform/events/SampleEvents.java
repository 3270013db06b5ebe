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

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One sample of every event type, every component set (nullable ones too). */
final class SampleEvents {

    static final UUID MEMBER = UUID.fromString("6f1c2a8e-0b7d-4c53-9a51-2f7e4f0f6a11");
    static final Instant NOW = Instant.parse("2025-03-14T09:26:53.589793238Z");

    private SampleEvents() {
    }

    static UUID id() {
        return UUID.randomUUID();
    }

    static Map<Class<? extends DomainEvent>, DomainEvent> all() {
        Instant later = NOW.plus(Duration.ofDays(10));
        Instant inTenYears = NOW.atZone(java.time.ZoneOffset.UTC).plus(Period.ofYears(10)).toInstant();
        List<String> fields = List.of("mobilePhone", "email");
        String hash = "a".repeat(64);

        Map<Class<? extends DomainEvent>, DomainEvent> samples = new LinkedHashMap<>();
        add(samples, new MemberRegistered(MEMBER, MemberStatus.PENDING, true, NOW));
        add(samples, new MemberActivated(MEMBER, id(), NOW));
        add(samples, new CorrectionRequested(MEMBER, id(), fields, ActorRole.MEMBER, NOW));
        add(samples, new CorrectionApplied(MEMBER, id(), fields, NOW));
        add(samples, new CorrectionRejected(MEMBER, id(), fields, "NOT_INACCURATE", NOW));
        add(samples, new ServiceApplied(MEMBER, id(),
                List.of(DataCategory.CONTRACT_RECORDS, DataCategory.PAYMENT_RECORDS), NOW));
        add(samples, new ComplaintReceived(id(), MEMBER, ComplaintKind.DELETION_REQUEST, Channel.EMAIL, later, NOW));
        add(samples, new ComplaintResolved(id(), MEMBER, ComplaintOutcome.FULFILLED, NOW));
        add(samples, new MemberWithdrawn(MEMBER, NOW, NOW));
        add(samples, new MemberSeparated(MEMBER,
                List.of(DataCategory.MEMBER_PROFILE, DataCategory.CONTRACT_RECORDS), NOW));

        add(samples, new ConsentGranted(id(), MEMBER, id(), Purpose.MARKETING, id(), "marketing-2025.1", id(), NOW));
        add(samples, new ConsentWithdrawn(id(), MEMBER, id(), Purpose.MARKETING, id(), "MEMBERSHIP_ENDED", NOW));
        add(samples, new GuardianConsentConfirmed(id(), MEMBER, GuardianConfirmationMethod.SMS, "sms-tx-8842", NOW));
        add(samples, new CookiePreferencesChanged(MEMBER, id(), CookieChoice.CONFIRM_EACH, false, true, NOW));

        add(samples, new RetentionScheduled(id(), MEMBER, DataCategory.MEMBER_PROFILE, "FRAUD_PREVENTION_INTERNAL_POLICY",
                NOW, inTenYears, NOW));
        add(samples, new RetentionExpired(id(), MEMBER, DataCategory.SERVICE_LOGS, Services.AUDIT_LOG, NOW));
        add(samples, new DestructionCertified(id(), id(), id(), MEMBER, DataCategory.LIVE_PROFILE, Services.MEMBER,
                DestructionMethod.CRYPTO_SHRED, 3, NOW));
        add(samples, new DestructionOverdue(id(), MEMBER, DataCategory.CONSENT_RECORDS, Services.CONSENT, NOW, later));
        add(samples, new LegalHoldPlaced(id(), MEMBER, List.of(DataCategory.PAYMENT_RECORDS), "Case 2025-GH-1234", NOW));
        add(samples, new LegalHoldReleased(id(), MEMBER, NOW));

        add(samples, new DisclosureRequested(id(), MEMBER, id(), fields, DisclosureBasis.LAWFUL_REQUEST, id(),
                "Warrant 2025-77", NOW));
        add(samples, new DisclosureApproved(id(), MEMBER, 2, NOW));
        add(samples, new DisclosureRejected(id(), MEMBER, "NO_LIVE_CONSENT", NOW));
        add(samples, new DisclosureExecuted(id(), MEMBER, id(), fields, NOW));
        add(samples, new CorrectionNoticeSent(id(), MEMBER, id(), id(), fields, NOW));

        add(samples, new DataDestroyed(id(), MEMBER, DataCategory.MARKETING_DATA, DestructionMethod.CRYPTO_SHRED, 12,
                id(), Services.CONSENT, NOW, NOW));

        add(samples, new AccessRecorded(id(), MEMBER, "officer-7", ActorRole.PRIVACY_OFFICER, Services.MEMBER,
                AccessAction.READ, fields, Purpose.COMPLAINT_HANDLING, "2001:db8::1", id().toString(), NOW));
        add(samples, new AuditEntryAppended(id(), 41, Topics.MEMBER_EVENTS, id().toString(), "MemberWithdrawn.v1",
                MEMBER, hash, "0".repeat(64), hash, NOW));
        return samples;
    }

    private static void add(Map<Class<? extends DomainEvent>, DomainEvent> samples, DomainEvent event) {
        samples.put(event.getClass(), event);
    }

    static DomainEvent of(Class<?> type) {
        DomainEvent sample = all().get(type);
        if (sample == null) {
            throw new IllegalArgumentException("no sample of " + type.getName());
        }
        return sample;
    }

    /**
     * The sample with every {@link Nullable} component set to null, except one of memberId/deviceId
     * where the type needs one of them.
     */
    static DomainEvent withNullsOf(Class<?> type) {
        DomainEvent sample = of(type);
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            try {
                values[i] = component.getAccessor().invoke(sample);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (component.isAnnotationPresent(Nullable.class)) {
                boolean needsOne = component.getName().equals("memberId") && hasDeviceId(type);
                if (!needsOne) {
                    values[i] = null;
                }
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return (DomainEvent) constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasDeviceId(Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals("deviceId")) {
                return true;
            }
        }
        return false;
    }
}
