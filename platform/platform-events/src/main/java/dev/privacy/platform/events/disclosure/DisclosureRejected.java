package dev.privacy.platform.events.disclosure;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A disclosure request was refused (P10, P13).
 *
 * <p>Topic: {@code disclosure.events}. Subject (Kafka key): the memberId.
 *
 * @param disclosureId The disclosure request.
 * @param memberId The member.
 * @param reason Reason code, e.g. NO_LIVE_CONSENT, FIELDS_RESTRICTED, REJECTED_BY_OFFICER,
 *        MEMBER_WITHDRAWN. Never free text.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "DisclosureRejected")
public record DisclosureRejected(
        UUID disclosureId,
        UUID memberId,
        String reason,
        Instant occurredAt) implements DomainEvent {

    public DisclosureRejected {
        Checks.required(disclosureId, "disclosureId");
        Checks.required(memberId, "memberId");
        Checks.required(reason, "reason");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
