package dev.privacy.platform.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A service destroyed data (P06, P07, P09), in answer to a RetentionExpired or at once on
 * withdrawal; each service publishes it to its own topic.
 *
 * <p>Topics: {@code member.events}, {@code consent.events}, {@code disclosure.events}, {@code
 * audit.events}. Subject (Kafka key): the first non-null of memberId, destructionId.
 *
 * @param destructionId This destruction.
 * @param memberId The member; null for a purge of records of many members (a log span).
 * @param category The destroyed category.
 * @param method How it was destroyed.
 * @param recordCount How many records were destroyed.
 * @param scheduleId The schedule of the RetentionExpired that asked for it; null if none did
 *        (withdrawal, never-needed data, log purge).
 * @param service The service that destroyed the data.
 * @param createdBefore For a purge of a time span: records created before this instant were
 *        destroyed; null otherwise.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "DataDestroyed")
public record DataDestroyed(
        UUID destructionId,
        @Nullable UUID memberId,
        DataCategory category,
        DestructionMethod method,
        long recordCount,
        @Nullable UUID scheduleId,
        String service,
        @Nullable Instant createdBefore,
        Instant occurredAt) implements DomainEvent {

    public DataDestroyed {
        Checks.required(destructionId, "destructionId");
        Checks.required(category, "category");
        Checks.required(method, "method");
        Checks.notNegative(recordCount, "recordCount");
        Checks.required(service, "service");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return Checks.firstId(memberId, destructionId);
    }
}
