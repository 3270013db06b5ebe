package dev.privacy.platform.events.consent;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;
import dev.privacy.platform.events.Purpose;

import java.time.Instant;
import java.util.UUID;

/**
 * A consent to an optional purpose was given (P05, P16), or to provision to a named third party
 * (P10). At least one of memberId and deviceId is set.
 *
 * <p>Topic: {@code consent.events}. Subject (Kafka key): the first non-null of memberId, deviceId,
 * consentId.
 *
 * @param consentId The consent record.
 * @param memberId The member; null for an anonymous device's cookie consent.
 * @param deviceId The anonymous device (cookie consents); null otherwise.
 * @param purpose The purpose consented to.
 * @param recipientId The third-party recipient consented to; null unless the consent is for
 *        provision.
 * @param noticeVersion Version of the notice the consent was given on.
 * @param receiptId The consent receipt.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "ConsentGranted")
public record ConsentGranted(
        UUID consentId,
        @Nullable UUID memberId,
        @Nullable UUID deviceId,
        Purpose purpose,
        @Nullable UUID recipientId,
        String noticeVersion,
        UUID receiptId,
        Instant occurredAt) implements DomainEvent {

    public ConsentGranted {
        Checks.required(consentId, "consentId");
        Checks.required(purpose, "purpose");
        Checks.required(noticeVersion, "noticeVersion");
        Checks.required(receiptId, "receiptId");
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
