package dev.privacy.platform.events.disclosure;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DisclosureBasis;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A provision of a member's data to a third party was requested (P10).
 *
 * <p>Topic: {@code disclosure.events}. Subject (Kafka key): the memberId.
 *
 * @param disclosureId The disclosure request.
 * @param memberId The member.
 * @param recipientId The third-party recipient.
 * @param fields Names of the fields to provide.
 * @param legalBasis A live consent, or a lawful request.
 * @param consentId The consent relied on, for CONSENT; null otherwise.
 * @param legalReference The lawful request's legal reference, for LAWFUL_REQUEST; null otherwise.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "DisclosureRequested")
public record DisclosureRequested(
        UUID disclosureId,
        UUID memberId,
        UUID recipientId,
        List<String> fields,
        DisclosureBasis legalBasis,
        @Nullable UUID consentId,
        @Nullable String legalReference,
        Instant occurredAt) implements DomainEvent {

    public DisclosureRequested {
        Checks.required(disclosureId, "disclosureId");
        Checks.required(memberId, "memberId");
        Checks.required(recipientId, "recipientId");
        fields = Checks.nonEmpty(fields, "fields");
        Checks.required(legalBasis, "legalBasis");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
