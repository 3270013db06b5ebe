package dev.privacy.platform.events.retention;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DestructionMethod;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * The retention-service recorded a destruction certificate for a DataDestroyed (P07, P09).
 *
 * <p>Topic: {@code retention.events}. Subject (Kafka key): the first non-null of memberId,
 * certificateId.
 *
 * @param certificateId The certificate.
 * @param destructionId The DataDestroyed certified.
 * @param scheduleId The schedule that expired; null for a destruction no schedule asked for.
 * @param memberId The member; null for a purge of records of many members (log spans).
 * @param category The destroyed category.
 * @param destroyedBy The service that destroyed the data.
 * @param method How it was destroyed.
 * @param recordCount How many records were destroyed.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "DestructionCertified")
public record DestructionCertified(
        UUID certificateId,
        UUID destructionId,
        @Nullable UUID scheduleId,
        @Nullable UUID memberId,
        DataCategory category,
        String destroyedBy,
        DestructionMethod method,
        long recordCount,
        Instant occurredAt) implements DomainEvent {

    public DestructionCertified {
        Checks.required(certificateId, "certificateId");
        Checks.required(destructionId, "destructionId");
        Checks.required(category, "category");
        Checks.required(destroyedBy, "destroyedBy");
        Checks.required(method, "method");
        Checks.notNegative(recordCount, "recordCount");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return Checks.firstId(memberId, certificateId);
    }
}
