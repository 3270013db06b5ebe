package dev.privacy.platform.events.disclosure;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data was provided to a third party and recorded in the ledger (P10).
 *
 * <p>Topic: {@code disclosure.events}. Subject (Kafka key): the memberId.
 *
 * @param disclosureId The disclosure request.
 * @param memberId The member.
 * @param recipientId The recipient.
 * @param fields Names of the fields provided.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "DisclosureExecuted")
public record DisclosureExecuted(
        UUID disclosureId,
        UUID memberId,
        UUID recipientId,
        List<String> fields,
        Instant occurredAt) implements DomainEvent {

    public DisclosureExecuted {
        Checks.required(disclosureId, "disclosureId");
        Checks.required(memberId, "memberId");
        Checks.required(recipientId, "recipientId");
        fields = Checks.nonEmpty(fields, "fields");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
