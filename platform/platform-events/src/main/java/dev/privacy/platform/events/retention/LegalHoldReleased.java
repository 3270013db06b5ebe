package dev.privacy.platform.events.retention;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * A legal hold ended; expired schedules it held are destroyed now.
 *
 * <p>Topic: {@code retention.events}. Subject (Kafka key): the first non-null of memberId,
 * holdId.
 *
 * @param holdId The hold.
 * @param memberId The member; null for a hold on whole categories (every member's data).
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "LegalHoldReleased")
public record LegalHoldReleased(
        UUID holdId,
        @Nullable UUID memberId,
        Instant occurredAt) implements DomainEvent {

    public LegalHoldReleased {
        Checks.required(holdId, "holdId");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return Checks.firstId(memberId, holdId);
    }
}
