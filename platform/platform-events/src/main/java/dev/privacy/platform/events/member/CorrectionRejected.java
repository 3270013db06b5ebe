package dev.privacy.platform.events.member;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A correction request was refused; the restriction on its fields is lifted (P13).
 *
 * <p>Topic: {@code member.events}. Subject (Kafka key): the memberId.
 *
 * @param memberId The member.
 * @param correctionId The correction request.
 * @param fields Names of the fields of the request (restriction lifted).
 * @param reason Reason code, e.g. NOT_INACCURATE, INSUFFICIENT_EVIDENCE, LEGAL_OBLIGATION. Never
 *        free text.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "CorrectionRejected")
public record CorrectionRejected(
        UUID memberId,
        UUID correctionId,
        List<String> fields,
        String reason,
        Instant occurredAt) implements DomainEvent {

    public CorrectionRejected {
        Checks.required(memberId, "memberId");
        Checks.required(correctionId, "correctionId");
        fields = Checks.nonEmpty(fields, "fields");
        Checks.required(reason, "reason");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
