package dev.privacy.member.service;

import dev.privacy.member.config.MemberConfig;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.platform.runtime.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Login throttling (README "Throttling"). Every attempt is counted <em>before</em> the password is
 * hashed, in a short transaction of its own holding the counters' row locks, so the limits hold
 * however many guesses arrive at once:
 * <ul>
 *   <li>per IP, a fixed window of failed logins ({@code max-failures-per-ip} per {@code window});
 *       a login that succeeds gives its attempt back;</li>
 *   <li>per login ID <em>and</em> IP, an exponential, capped backoff ({@link LoginBackoff}) instead
 *       of a lock-out: a guesser at one address slows his own attempts on that login ID, never the
 *       owner's from another address.</li>
 * </ul>
 * An attempt whose password check was refused by the hashing gate (503) was not tried and is given
 * back ({@link #notTried}).
 * Refused: 429 with Retry-After, whether the login ID exists or not. Keys are keyed hashes, never
 * the login ID or the IP.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    AttemptWindows windows;

    @Inject
    LoginBackoff backoff;

    @Inject
    LookupHashes hashes;

    @Inject
    MemberConfig config;

    @Inject
    Clock clock;

    /** A counted login attempt, to be given back if it succeeds. */
    public record Attempt(LoginBackoff.Counted backoff, AttemptWindows.Counted ip) {
        String loginIdKey() {
            return backoff.key();
        }
    }

    /** Counts the attempt for the IP and the login ID, or throws 429 (and counts nothing). */
    public Attempt begin(String loginId, String ip) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String loginIdKey = loginIdKey(loginId, ip);
        Object outcome = QuarkusTransaction.requiringNew().call(() -> {
            AttemptWindows.Counted ipCounted = null;
            if (ip != null) {
                AttemptWindows.Outcome o = windows.count(ipKey(ip), config.login().maxFailuresPerIp(),
                        config.login().window(), now);
                if (!o.allowed()) {
                    return o.retryAfterSeconds();
                }
                ipCounted = o.counted();
            }
            LoginBackoff.Counted counted = backoff.countAttempt(loginIdKey, now);
            if (counted.waitSeconds() > 0) {
                if (ipCounted != null) {
                    windows.giveBack(ipCounted); // nothing was tried: the IP is not charged for it
                }
                return counted.waitSeconds();
            }
            return new Attempt(counted, ipCounted);
        });
        if (outcome instanceof Attempt attempt) {
            return attempt;
        }
        throw new ProblemException(429, "too-many-login-attempts", "Too many login attempts",
                "Too many failed logins; try again later", List.of(),
                Map.of("Retry-After", Long.toString((Long) outcome)));
    }

    /** A successful login: the IP gets its attempt back and the login ID's backoff is cleared. */
    public void succeeded(Attempt attempt) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (attempt.ip() != null) {
                windows.giveBack(attempt.ip());
            }
            backoff.clear(attempt.loginIdKey());
        });
    }

    /** The password was never checked (the hashing gate refused it): the attempt is given back. */
    public void notTried(Attempt attempt) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (attempt.ip() != null) {
                windows.giveBack(attempt.ip());
            }
            backoff.giveBack(attempt.backoff());
        });
    }

    private String ipKey(String ip) {
        return "login-ip:" + hashes.hex("throttle-ip", ip);
    }

    /** The backoff's key: the login ID (case-insensitive) at the client address. */
    private String loginIdKey(String loginId, String ip) {
        String id = loginId == null ? "" : loginId.strip().toLowerCase(Locale.ROOT);
        // one keyed hash of both (the column holds 80 characters); the NUL cannot occur in either
        return "login:" + hashes.hex("throttle-login-ip", id + "\0" + (ip == null ? "" : ip));
    }
}
