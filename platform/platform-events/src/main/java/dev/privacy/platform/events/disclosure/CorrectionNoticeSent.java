package dev.privacy.platform.events.disclosure;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A recipient that received a corrected field was notified of the correction, and acknowledged it
 * (P14).
 *
 * <p>Topic: {@code disclosure.events}. Subject (Kafka key): the memberId.
 *
 * @param noticeId The correction notice.
 * @param memberId The member.
 * @param recipientId The notified recipient.
 * @param correctionId The correction; null for a self-service modification.
 * @param fields Names of the corrected fields the recipient had received.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "CorrectionNoticeSent")
public record CorrectionNoticeSent(
        UUID noticeId,
        UUID memberId,
        UUID recipientId,
        @Nullable UUID correctionId,
        List<String> fields,
        Instant occurredAt) implements DomainEvent {

    public CorrectionNoticeSent {
        Checks.required(noticeId, "noticeId");
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
