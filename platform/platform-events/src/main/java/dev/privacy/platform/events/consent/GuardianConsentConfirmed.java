package dev.privacy.platform.events.consent;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.GuardianConfirmationMethod;

import java.time.Instant;
import java.util.UUID;

/**
 * A legal representative's consent for an under-age member was confirmed (P04, P21).
 *
 * <p>Topic: {@code consent.events}. Subject (Kafka key): the memberId.
 *
 * @param guardianConsentId The guardian consent record.
 * @param memberId The under-age member.
 * @param method How it was confirmed (P21).
 * @param evidenceReference Opaque ID of the evidence (e.g. a verification transaction ID); never
 *        the guardian's contact data.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "GuardianConsentConfirmed")
public record GuardianConsentConfirmed(
        UUID guardianConsentId,
        UUID memberId,
        GuardianConfirmationMethod method,
        String evidenceReference,
        Instant occurredAt) implements DomainEvent {

    public GuardianConsentConfirmed {
        Checks.required(guardianConsentId, "guardianConsentId");
        Checks.required(memberId, "memberId");
        Checks.required(method, "method");
        Checks.required(evidenceReference, "evidenceReference");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
