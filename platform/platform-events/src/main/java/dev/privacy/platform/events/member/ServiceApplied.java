package dev.privacy.platform.events.member;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member applied for the service (address and payment token collected, P01): starts contract and
 * payment retention clocks.
 *
 * <p>Topic: {@code member.events}. Subject (Kafka key): the memberId.
 *
 * @param memberId The member.
 * @param applicationId The service application.
 * @param categories Data categories the application created, e.g. CONTRACT_RECORDS,
 *        PAYMENT_RECORDS.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "ServiceApplied")
public record ServiceApplied(
        UUID memberId,
        UUID applicationId,
        List<DataCategory> categories,
        Instant occurredAt) implements DomainEvent {

    public ServiceApplied {
        Checks.required(memberId, "memberId");
        Checks.required(applicationId, "applicationId");
        categories = Checks.nonEmpty(categories, "categories");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
