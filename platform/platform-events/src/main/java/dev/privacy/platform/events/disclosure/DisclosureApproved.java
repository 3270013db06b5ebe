package dev.privacy.platform.events.disclosure;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A disclosure request has all the approvals it needs (one for consent, two for a lawful request).
 *
 * <p>Topic: {@code disclosure.events}. Subject (Kafka key): the memberId.
 *
 * @param disclosureId The disclosure request.
 * @param memberId The member.
 * @param approvals Number of privacy-officer approvals given.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "DisclosureApproved")
public record DisclosureApproved(
        UUID disclosureId,
        UUID memberId,
        int approvals,
        Instant occurredAt) implements DomainEvent {

    public DisclosureApproved {
        Checks.required(disclosureId, "disclosureId");
        Checks.required(memberId, "memberId");
        Checks.notNegative(approvals, "approvals");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
