package dev.privacy.platform.events.member;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * A PENDING member became usable, after the legal representative's consent was recorded (P04).
 *
 * <p>Topic: {@code member.events}. Subject (Kafka key): the memberId.
 *
 * @param memberId The member.
 * @param guardianConsentId The GuardianConsentConfirmed that allowed it; null if none was needed.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "MemberActivated")
public record MemberActivated(
        UUID memberId,
        @Nullable UUID guardianConsentId,
        Instant occurredAt) implements DomainEvent {

    public MemberActivated {
        Checks.required(memberId, "memberId");
        Checks.required(occurredAt, "occurredAt");
    }

    @Override
    public String subjectId() {
        return memberId.toString();
    }
}
