package dev.privacy.platform.events.retention;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * A retention period ended and no legal hold applies: the owning service must destroy the data and
 * answer DataDestroyed (P07).
 *
 * <p>Two forms. For one member: memberId set, createdBefore null. For a rolling window of a log
 * category (SERVICE_LOGS, STAFF_ACCESS_RECORDS, P17, P19): memberId null and createdBefore set, asking
 * the owner to destroy every record of the category created before that instant, of all members.
 *
 * <p>Topic: {@code retention.events}. Subject (Kafka key): the first non-null of memberId,
 * scheduleId.
 *
 * @param scheduleId The schedule.
 * @param memberId The member; null for a rolling-window expiry of a log category (all members).
 * @param category The data category to destroy.
 * @param ownerService The service that holds the data and must destroy it.
 * @param createdBefore For a rolling-window expiry: records of the category created before this
 *        instant must be destroyed; null for the expiry of one member's category.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "RetentionExpired")
public record RetentionExpired(
        UUID scheduleId,
        @Nullable UUID memberId,
        DataCategory category,
        String ownerService,
        @Nullable Instant createdBefore,
        Instant occurredAt) implements DomainEvent {

    public RetentionExpired {
        Checks.required(scheduleId, "scheduleId");
        Checks.required(category, "category");
        Checks.required(ownerService, "ownerService");
        Checks.required(occurredAt, "occurredAt");
    }

    /** The expiry of one member's category (the form of contract version 1 before createdBefore). */
    public RetentionExpired(UUID scheduleId, UUID memberId, DataCategory category, String ownerService,
                            Instant occurredAt) {
        this(scheduleId, Checks.required(memberId, "memberId"), category, ownerService, null, occurredAt);
    }

    @Override
    public String subjectId() {
        return Checks.firstId(memberId, scheduleId);
    }
}
