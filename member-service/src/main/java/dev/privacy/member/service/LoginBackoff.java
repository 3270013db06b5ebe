package dev.privacy.member.service;

import dev.privacy.member.config.MemberConfig;
import dev.privacy.platform.runtime.persistence.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Exponential backoff per login ID (OWASP, instead of a lock-out): after
 * {@code free-failures-per-login-id} consecutive failures, each further attempt must wait a delay
 * that doubles per failure up to {@code backoff-max}. An attempt is counted under the row's lock
 * before the password is hashed; an attempt refused for waiting is not counted, so the owner waits
 * at most {@code backoff-max} after the last real guess, and then the right password logs in from
 * any IP. A success clears the count.
 */
@ApplicationScoped
public class LoginBackoff {

    @Inject
    EntityManager entityManager;

    @Inject
    MemberConfig config;

    /** Counted (0), or the seconds to wait. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long count(String key, Instant now) {
        entityManager.createNativeQuery("""
                        INSERT INTO login_backoff (subject_hash, failures, last_attempt_at, next_attempt_at)
                        VALUES (?1, 0, ?2, ?3) ON CONFLICT (subject_hash) DO NOTHING""")
                .setParameter(1, key).setParameter(2, Timestamp.from(now)).setParameter(3, Timestamp.from(Instant.EPOCH))
                .executeUpdate();
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        SELECT failures, last_attempt_at, next_attempt_at FROM login_backoff
                        WHERE subject_hash = ?1 FOR UPDATE""")
                .setParameter(1, key).getSingleResult();
        Instant next = Timestamps.toInstant(row[2]);
        if (next.isAfter(now)) {
            return Timestamps.secondsUntil(next, now);
        }
        boolean forgotten = !Timestamps.toInstant(row[1]).plus(config.login().backoffReset()).isAfter(now);
        int failures = forgotten ? 1 : ((Number) row[0]).intValue() + 1;
        Duration delay = delayAfter(failures);
        // A free attempt leaves next_attempt_at where it was (in the past): concurrent requests read
        // their clock before they get the row's lock, so a free attempt that set it to its own "now"
        // would make a request whose "now" is a microsecond earlier wait for no reason.
        Instant nextAttempt = delay.isZero() ? next : now.plus(delay);
        entityManager.createNativeQuery("""
                        UPDATE login_backoff SET failures = ?2, last_attempt_at = GREATEST(last_attempt_at, ?3),
                        next_attempt_at = ?4 WHERE subject_hash = ?1""")
                .setParameter(1, key).setParameter(2, failures).setParameter(3, Timestamp.from(now))
                .setParameter(4, Timestamp.from(nextAttempt)).executeUpdate();
        return 0;
    }

    /** A successful login: the login ID starts afresh. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void clear(String key) {
        entityManager.createNativeQuery("DELETE FROM login_backoff WHERE subject_hash = ?1")
                .setParameter(1, key).executeUpdate();
    }

    /** The wait after the n-th consecutive attempt: none while free, then base, 2·base, 4·base, … up to the max. */
    Duration delayAfter(int failures) {
        int free = config.login().freeFailuresPerLoginId();
        if (failures < free) {
            return Duration.ZERO;
        }
        Duration max = config.login().backoffMax();
        int doublings = Math.min(failures - free, 30);
        Duration delay = config.login().backoffBase().multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
