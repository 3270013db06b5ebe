package dev.privacy.platform.events.retention;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * A RetentionExpired was not answered by DataDestroyed in time: alert.
 *
 * <p>Topic: {@code retention.events}. Subject (Kafka key): the first non-null of memberId,
 * scheduleId.
 *
 * @param scheduleId The schedule.
 * @param memberId The member; null for a rolling-window expiry of a log category (all members).
 * @param category The data category.
 * @param ownerService The service that has not destroyed the data.
 * @param expiredAt When the period ended.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "DestructionOverdue")
public record DestructionOverdue(
        UUID scheduleId,
        @Nullable UUID memberId,
        DataCategory category,
        String ownerService,
        Instant expiredAt,
        Instant occurredAt) implements DomainEvent {

    public DestructionOverdue {
        Checks.required(scheduleId, "scheduleId");
        Checks.required(category, "category");
        Checks.required(ownerService, "ownerService");
        Checks.required(expiredAt, "expiredAt");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return Checks.firstId(memberId, scheduleId);
    }
}
