package dev.privacy.platform.events.member;

import dev.privacy.platform.events.ActorRole;
import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A correction was requested: the fields are restricted, neither used nor provided, until it is
 * applied or rejected (P13).
 *
 * <p>Topic: {@code member.events}. Subject (Kafka key): the memberId.
 *
 * @param memberId The member.
 * @param correctionId The correction request.
 * @param fields Names of the fields to correct (now restricted).
 * @param requestedByRole Who asked: the member, or staff on the member's behalf.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "CorrectionRequested")
public record CorrectionRequested(
        UUID memberId,
        UUID correctionId,
        List<String> fields,
        ActorRole requestedByRole,
        Instant occurredAt) implements DomainEvent {

    public CorrectionRequested {
        Checks.required(memberId, "memberId");
        Checks.required(correctionId, "correctionId");
        fields = Checks.nonEmpty(fields, "fields");
        Checks.required(requestedByRole, "requestedByRole");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
