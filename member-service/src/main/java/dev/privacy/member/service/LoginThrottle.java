package dev.privacy.member.service;

import dev.privacy.member.config.MemberConfig;
import dev.privacy.member.service.crypto.LookupHashes;
import dev.privacy.platform.runtime.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Failed logins counted per login ID and per IP in a fixed window (in the database, so every
 * replica sees them). Past the limit, logins are refused with 429 and Retry-After until the window
 * ends, whether the login ID exists or not. Keys are keyed hashes, never the login ID or IP.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    EntityManager entityManager;

    @Inject
    LookupHashes hashes;

    @Inject
    MemberConfig config;

    @Inject
    Clock clock;

    /** Throws 429 if the login ID or the IP is locked. */
    public void check(String loginId, String ip) {
        Instant now = clock.instant();
        long retryAfter = QuarkusTransaction.requiringNew().call(() -> {
            long wait = 0;
            for (Subject subject : subjects(loginId, ip)) {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = entityManager.createNativeQuery(
                                "SELECT failures, window_start FROM login_throttle WHERE subject_hash = ?1")
                        .setParameter(1, subject.hash).getResultList();
                if (rows.isEmpty()) {
                    continue;
                }
                int failures = ((Number) rows.get(0)[0]).intValue();
                Instant windowEnd = toInstant(rows.get(0)[1]).plus(config.login().window());
                if (failures >= subject.limit && windowEnd.isAfter(now)) {
                    wait = Math.max(wait, Math.max(1, Duration.between(now, windowEnd).toSeconds()));
                }
            }
            return wait;
        });
        if (retryAfter > 0) {
            throw new ProblemException(429, "too-many-login-attempts", "Too many login attempts",
                    "Too many failed logins; try again later", List.of(),
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }

    /** Counts a failed login against the login ID and the IP, in its own transaction. */
    public void failed(String loginId, String ip) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp windowStartedBefore = Timestamp.from(clock.instant().minus(config.login().window()));
        QuarkusTransaction.requiringNew().run(() -> {
            for (Subject subject : subjects(loginId, ip)) {
                entityManager.createNativeQuery("""
                                INSERT INTO login_throttle (subject_hash, failures, window_start) VALUES (?1, 1, ?2)
                                ON CONFLICT (subject_hash) DO UPDATE SET
                                  failures = CASE WHEN login_throttle.window_start <= ?3 THEN 1 ELSE login_throttle.failures + 1 END,
                                  window_start = CASE WHEN login_throttle.window_start <= ?3 THEN ?2 ELSE login_throttle.window_start END""")
                        .setParameter(1, subject.hash).setParameter(2, now).setParameter(3, windowStartedBefore)
                        .executeUpdate();
            }
        });
    }

    /** A successful login clears the login ID's count (not the IP's). */
    public void succeeded(String loginId) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("DELETE FROM login_throttle WHERE subject_hash = ?1")
                .setParameter(1, loginIdKey(loginId)).executeUpdate());
    }

    private List<Subject> subjects(String loginId, String ip) {
        List<Subject> subjects = new ArrayList<>(2);
        subjects.add(new Subject(loginIdKey(loginId), config.login().maxFailuresPerLoginId()));
        if (ip != null) {
            subjects.add(new Subject("ip:" + hashes.hex("throttle-ip", ip), config.login().maxFailuresPerIp()));
        }
        return subjects;
    }

    private String loginIdKey(String loginId) {
        return "login:" + hashes.hex("throttle-login", loginId == null ? "" : loginId.strip().toLowerCase(java.util.Locale.ROOT));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

    private record Subject(String hash, int limit) {
    }
}
