package dev.privacy.platform.events.member;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A member withdrew (P11): everything not covered by a retention exception is destroyed at once
 * (P06), retention clocks start (P07).
 *
 * <p>Topic: {@code member.events}. Subject (Kafka key): the memberId.
 *
 * @param memberId The member.
 * @param contractEndedAt When the contract ended: the start of the retention periods.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "MemberWithdrawn")
public record MemberWithdrawn(
        UUID memberId,
        Instant contractEndedAt,
        Instant occurredAt) implements DomainEvent {

    public MemberWithdrawn {
        Checks.required(memberId, "memberId");
        Checks.required(contractEndedAt, "contractEndedAt");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
