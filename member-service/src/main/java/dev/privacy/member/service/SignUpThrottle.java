package dev.privacy.member.service;

import dev.privacy.member.config.MemberConfig;
import dev.privacy.member.service.crypto.LookupHashes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Sign-ups per IP: {@code member.sign-up.max-per-ip} well-formed sign-up attempts per
 * {@code member.sign-up.window}, counted before any lookup or hashing; then 429 with Retry-After.
 * It bounds how fast one client can probe login IDs and e-mails or spend the service's CPU.
 */
@ApplicationScoped
public class SignUpThrottle {

    private static final AttemptWindows.Refusal REFUSAL = new AttemptWindows.Refusal("too-many-sign-ups",
            "Too many sign-ups", "Too many sign-ups from this address; try again later");

    @Inject
    AttemptWindows windows;

    @Inject
    LookupHashes hashes;

    @Inject
    MemberConfig config;

    @Inject
    Clock clock;

    public void count(String ip) {
        if (ip == null) {
            return; // no request (never the case for the public endpoint)
        }
        String key = "sign-up-ip:" + hashes.hex("throttle-sign-up-ip", ip);
        windows.countOrRefuse(key, config.signUp().maxPerIp(), config.signUp().window(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), REFUSAL);
    }
}
