package dev.privacy.member.service;

import dev.privacy.member.config.MemberConfig;
import dev.privacy.member.service.crypto.LookupHashes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * E-mail changes per member (README "E-mail change"): a change to another member's address is
 * refused with 409, which tells that the address is registered, so every change to an address other
 * than the member's own is counted before the look-up — {@code member.email-change.max-per-member}
 * per {@code member.email-change.window}, in a transaction of its own (a refused change still
 * counts) — and past that refused with 429 {@code too-many-email-changes} and Retry-After.
 */
@ApplicationScoped
public class EmailChangeThrottle {

    private static final AttemptWindows.Refusal REFUSAL = new AttemptWindows.Refusal("too-many-email-changes",
            "Too many e-mail changes", "Too many e-mail changes for this member; try again later");

    @Inject
    AttemptWindows windows;

    @Inject
    LookupHashes hashes;

    @Inject
    MemberConfig config;

    @Inject
    Clock clock;

    public void count(UUID memberId) {
        String key = "email-change:" + hashes.hex("throttle-email-change", memberId.toString());
        windows.countOrRefuse(key, config.emailChange().maxPerMember(), config.emailChange().window(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), REFUSAL);
    }
}
