package dev.privacy.platform.events.member;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.MemberStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * A member signed up (P01, P04). An under-age member starts PENDING until a guardian consent is
 * confirmed.
 *
 * <p>Topic: {@code member.events}. Subject (Kafka key): the memberId.
 *
 * @param memberId The new member.
 * @param status PENDING while a guardian consent is required, else ACTIVE.
 * @param guardianConsentRequired True for a member under the configured age (P04).
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "MemberRegistered")
public record MemberRegistered(
        UUID memberId,
        MemberStatus status,
        boolean guardianConsentRequired,
        Instant occurredAt) implements DomainEvent {

    public MemberRegistered {
        Checks.required(memberId, "memberId");
        Checks.required(status, "status");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
