package dev.privacy.platform.events.consent;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;
import dev.privacy.platform.events.Purpose;

import java.time.Instant;
import java.util.UUID;

/**
 * A consent was withdrawn; takes effect at once in every service (P05, P15).
 *
 * <p>Topic: {@code consent.events}. Subject (Kafka key): the first non-null of memberId, deviceId,
 * consentId.
 *
 * @param consentId The consent record.
 * @param memberId The member; null for an anonymous device.
 * @param deviceId The anonymous device; null otherwise.
 * @param purpose The purpose no longer consented to.
 * @param recipientId The third-party recipient, for a provision consent; null otherwise.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "ConsentWithdrawn")
public record ConsentWithdrawn(
        UUID consentId,
        @Nullable UUID memberId,
        @Nullable UUID deviceId,
        Purpose purpose,
        @Nullable UUID recipientId,
        Instant occurredAt) implements DomainEvent {

    public ConsentWithdrawn {
        Checks.required(consentId, "consentId");
        Checks.required(purpose, "purpose");
        Checks.required(occurredAt, "occurredAt");
        if (memberId == null && deviceId == null) {
            throw new NullPointerException("memberId or deviceId is required");
        }
    }

    @Override
    public String subjectId() {
        return Checks.firstId(memberId, deviceId, consentId);
    }
}
