package dev.privacy.member.service;

import dev.privacy.platform.runtime.persistence.Timestamps;
import dev.privacy.platform.runtime.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Fixed-window attempt counters in the database (so every replica sees them), keyed by a keyed
 * hash. An attempt is counted under the row's lock before the caller does the expensive part, so
 * however many arrive at once, at most {@code limit} pass per window.
 */
@ApplicationScoped
public class AttemptWindows {

    @Inject
    EntityManager entityManager;

    /** A counted attempt: the key and the window it was counted in (to give it back in that window only). */
    public record Counted(String key, Instant windowStart) {
    }

    /** Either the counted attempt, or the seconds until the window ends. */
    public record Outcome(Counted counted, long retryAfterSeconds) {
        public boolean allowed() {
            return counted != null;
        }
    }

    /**
     * Counts one attempt for {@code key} in the caller's transaction; the row stays locked until it
     * commits, so concurrent attempts are counted one after the other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome count(String key, int limit, Duration window, Instant now) {
        entityManager.createNativeQuery("""
                        INSERT INTO attempt_window (subject_hash, attempts, window_start) VALUES (?1, 0, ?2)
                        ON CONFLICT (subject_hash) DO NOTHING""")
                .setParameter(1, key).setParameter(2, Timestamp.from(now)).executeUpdate();
        Object[] row = (Object[]) entityManager.createNativeQuery(
                        "SELECT attempts, window_start FROM attempt_window WHERE subject_hash = ?1 FOR UPDATE")
                .setParameter(1, key).getSingleResult();
        int attempts = ((Number) row[0]).intValue();
        Instant windowStart = Timestamps.toInstant(row[1]);
        if (!windowStart.plus(window).isAfter(now)) {
            attempts = 0;
            windowStart = now;
        }
        if (attempts >= limit) {
            return new Outcome(null, Timestamps.secondsUntil(windowStart.plus(window), now));
        }
        entityManager.createNativeQuery(
                        "UPDATE attempt_window SET attempts = ?2, window_start = ?3 WHERE subject_hash = ?1")
                .setParameter(1, key).setParameter(2, attempts + 1).setParameter(3, Timestamp.from(windowStart))
                .executeUpdate();
        return new Outcome(new Counted(key, windowStart), 0);
    }

    /**
     * Counts one attempt in a transaction of its own, so a request refused later still counts, or
     * refuses it: 429 problem+json with Retry-After ({@link SignUpThrottle}, {@link EmailChangeThrottle}).
     */
    public void countOrRefuse(String key, int limit, Duration window, Instant now, Refusal refusal) {
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> count(key, limit, window, now));
        if (!outcome.allowed()) {
            throw new ProblemException(429, refusal.slug(), refusal.title(), refusal.detail(), List.of(),
                    Map.of("Retry-After", Long.toString(outcome.retryAfterSeconds())));
        }
    }

    /** The 429 a throttle answers: its problem type slug, title and detail. */
    public record Refusal(String slug, String title, String detail) {
    }

    /** Gives a counted attempt back (a login that succeeded), if its window is still the current one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void giveBack(Counted counted) {
        entityManager.createNativeQuery("""
                        UPDATE attempt_window SET attempts = attempts - 1
                        WHERE subject_hash = ?1 AND window_start = ?2 AND attempts > 0""")
                .setParameter(1, counted.key()).setParameter(2, Timestamp.from(counted.windowStart())).executeUpdate();
    }
}
