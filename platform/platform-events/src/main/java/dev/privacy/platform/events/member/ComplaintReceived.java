package dev.privacy.platform.events.member;

import dev.privacy.platform.events.Channel;
import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.ComplaintKind;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * The privacy desk recorded a complaint or data-subject request (P12, P20).
 *
 * <p>Topic: {@code member.events}. Subject (Kafka key): the first non-null of memberId,
 * complaintId.
 *
 * @param complaintId The complaint or request.
 * @param memberId The member concerned; null when the requester is not (yet) identified as a
 *        member.
 * @param kind What was asked.
 * @param channel How it reached the privacy desk.
 * @param dueAt Deadline for the answer (10 days for a data-subject request, P20).
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "ComplaintReceived")
public record ComplaintReceived(
        UUID complaintId,
        @Nullable UUID memberId,
        ComplaintKind kind,
        Channel channel,
        Instant dueAt,
        Instant occurredAt) implements DomainEvent {

    public ComplaintReceived {
        Checks.required(complaintId, "complaintId");
        Checks.required(kind, "kind");
        Checks.required(channel, "channel");
        Checks.required(dueAt, "dueAt");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return Checks.firstId(memberId, complaintId);
    }
}
