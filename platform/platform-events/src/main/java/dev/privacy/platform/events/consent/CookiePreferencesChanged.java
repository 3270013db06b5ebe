package dev.privacy.platform.events.consent;

import dev.privacy.platform.events.Checks;
import dev.privacy.platform.events.CookieChoice;
import dev.privacy.platform.events.DomainEvent;
import dev.privacy.platform.events.EventType;
import dev.privacy.platform.events.Nullable;

import java.time.Instant;
import java.util.UUID;

/**
 * Cookie preferences of a member or an anonymous device changed (P16). At least one of memberId
 * and deviceId is set.
 *
 * <p>Topic: {@code consent.events}. Subject (Kafka key): the first non-null of memberId, deviceId.
 *
 * @param memberId The member; null for an anonymous device.
 * @param deviceId The device the preference was set on; null if none.
 * @param choice Allow all, confirm each, or refuse all.
 * @param targeting Targeted-marketing cookies allowed.
 * @param statistics Visit-statistics cookies allowed.
 * @param occurredAt When it happened (the service's clock).
 */
@EventType(name = "CookiePreferencesChanged")
public record CookiePreferencesChanged(
        @Nullable UUID memberId,
        @Nullable UUID deviceId,
        CookieChoice choice,
        boolean targeting,
        boolean statistics,
        Instant occurredAt) implements DomainEvent {

    public CookiePreferencesChanged {
        Checks.required(choice, "choice");
        Checks.required(occurredAt, "occurredAt");
        if (memberId == null && deviceId == null) {
            throw new NullPointerException("memberId or deviceId is required");
        }
    }

    @Override
    public String subjectId() {
        return Checks.firstId(memberId, deviceId);
    }
}
