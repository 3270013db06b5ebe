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
 * @param reason Reason code, e.g. MEMBER_REQUEST, COOKIES_REFUSED, MEMBERSHIP_ENDED; null if not
 *        given. Never free text.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "ConsentWithdrawn")
public record ConsentWithdrawn(
        UUID consentId,
        @Nullable UUID memberId,
        @Nullable UUID deviceId,
        Purpose purpose,
        @Nullable UUID recipientId,
        @Nullable String reason,
        Instant occurredAt) implements DomainEvent {

    public ConsentWithdrawn {
        Checks.required(consentId, "consentId");
        Checks.required(purpose, "purpose");
        Checks.required(occurredAt, "occurredAt");
        if (memberId == null && deviceId == null) {
            throw new NullPointerException("memberId or deviceId is required");
        }
    }

    /** Without a reason code: the form before {@code reason} was added (additive, v1). */
    public ConsentWithdrawn(UUID consentId, UUID memberId, UUID deviceId, Purpose purpose, UUID recipientId,
                            Instant occurredAt) {
        this(consentId, memberId, deviceId, purpose, recipientId, null, occurredAt);
    }

    @Override
    public String subjectId() {
        return Checks.firstId(memberId, deviceId, consentId);
    }
}
