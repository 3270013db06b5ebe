package dev.privacy.platform.events.retention;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A legal hold suspends destruction of a member's categories, or of whole categories (P07).
 *
 * <p>Topic: {@code retention.events}. Subject (Kafka key): the first non-null of memberId,
 * holdId.
 *
 * @param holdId The hold.
 * @param memberId The member; null for a hold on whole categories (every member's data).
 * @param categories The categories whose destruction is suspended.
 * @param legalReference The legal reference (e.g. a case or order number); no personal data.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "LegalHoldPlaced")
public record LegalHoldPlaced(
        UUID holdId,
        @Nullable UUID memberId,
        List<DataCategory> categories,
        String legalReference,
        Instant occurredAt) implements DomainEvent {

    public LegalHoldPlaced {
        Checks.required(holdId, "holdId");
        categories = Checks.nonEmpty(categories, "categories");
        Checks.required(legalReference, "legalReference");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return Checks.firstId(memberId, holdId);
    }
}
