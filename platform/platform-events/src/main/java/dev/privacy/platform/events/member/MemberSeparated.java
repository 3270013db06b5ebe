package dev.privacy.platform.events.member;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DataCategory;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A withdrawn member's retained data moved to the separated store (P08).
 *
 * <p>Topic: {@code member.events}. Subject (Kafka key): the memberId.
 *
 * @param memberId The member.
 * @param categories The categories now held in the separated store.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "MemberSeparated")
public record MemberSeparated(
        UUID memberId,
        List<DataCategory> categories,
        Instant occurredAt) implements DomainEvent {

    public MemberSeparated {
        Checks.required(memberId, "memberId");
        categories = Checks.nonEmpty(categories, "categories");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
