package dev.privacy.platform.events.member;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fields of a member were changed, by a correction or by a self-service modification (P11, P13);
 * recipients are notified (P14).
 *
 * <p>Topic: {@code member.events}. Subject (Kafka key): the memberId.
 *
 * @param memberId The member.
 * @param correctionId The correction request; null for a self-service modification.
 * @param fields Names of the changed fields (restriction lifted).
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "CorrectionApplied")
public record CorrectionApplied(
        UUID memberId,
        @Nullable UUID correctionId,
        List<String> fields,
        Instant occurredAt) implements DomainEvent {

    public CorrectionApplied {
        Checks.required(memberId, "memberId");
        fields = Checks.nonEmpty(fields, "fields");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
