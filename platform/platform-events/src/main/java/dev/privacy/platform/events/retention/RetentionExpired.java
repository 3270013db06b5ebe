package dev.privacy.platform.events.retention;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A retention period ended and no legal hold applies: the owning service must destroy the data and
 * answer DataDestroyed (P07).
 *
 * <p>Topic: {@code retention.events}. Subject (Kafka key): the memberId.
 *
 * @param scheduleId The schedule.
 * @param memberId The member.
 * @param category The data category to destroy.
 * @param ownerService The service that holds the data and must destroy it.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "RetentionExpired")
public record RetentionExpired(
        UUID scheduleId,
        UUID memberId,
        DataCategory category,
        String ownerService,
        Instant occurredAt) implements DomainEvent {

    public RetentionExpired {
        Checks.required(scheduleId, "scheduleId");
        Checks.required(memberId, "memberId");
        Checks.required(category, "category");
        Checks.required(ownerService, "ownerService");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
