package dev.privacy.platform.events.retention;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;

import java.time.Instant;
import java.util.UUID;

/**
 * A retention clock started for a member's data category (P07).
 *
 * <p>Topic: {@code retention.events}. Subject (Kafka key): the memberId.
 *
 * @param scheduleId The schedule.
 * @param memberId The member.
 * @param category The data category.
 * @param legalBasis Code of the legal basis of the period, from the policy file.
 * @param startsAt Start of the period.
 * @param expiresAt End of the period: the data is destroyed then.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "RetentionScheduled")
public record RetentionScheduled(
        UUID scheduleId,
        UUID memberId,
        DataCategory category,
        String legalBasis,
        Instant startsAt,
        Instant expiresAt,
        Instant occurredAt) implements DomainEvent {

    public RetentionScheduled {
        Checks.required(scheduleId, "scheduleId");
        Checks.required(memberId, "memberId");
        Checks.required(category, "category");
        Checks.required(legalBasis, "legalBasis");
        Checks.required(startsAt, "startsAt");
        Checks.required(expiresAt, "expiresAt");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
