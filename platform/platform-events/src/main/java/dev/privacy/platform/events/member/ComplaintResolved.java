package dev.privacy.platform.events.member;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.ComplaintOutcome;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * The privacy desk closed a complaint or request; starts the 3-year complaint records clock (P18).
 *
 * <p>Topic: {@code member.events}. Subject (Kafka key): the first non-null of memberId,
 * complaintId.
 *
 * @param complaintId The complaint or request.
 * @param memberId The member concerned, if known.
 * @param outcome How it was closed.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "ComplaintResolved")
public record ComplaintResolved(
        UUID complaintId,
        @Nullable UUID memberId,
        ComplaintOutcome outcome,
        Instant occurredAt) implements DomainEvent {

    public ComplaintResolved {
        Checks.required(complaintId, "complaintId");
        Checks.required(outcome, "outcome");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return Checks.firstId(memberId, complaintId);
    }
}
