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
 * Exponential backoff per login ID <em>and</em> client address (OWASP Authentication and Credential
 * Stuffing cheat sheets; README "Throttling"): after {@code free-failures-per-login-id} consecutive
 * failures of one login ID from one address, each further attempt from that address must wait a
 * delay that doubles per failure up to {@code backoff-max}. An attempt is counted under the row's
 * lock before the password is hashed; an attempt refused for waiting is not counted. Because the
 * key includes the address, a guesser at one address slows only himself: the owner at another
 * address is never made to wait by him, and at the guesser's own address waits at most
 * {@code backoff-max}. A success clears the count of that login ID at that address.
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
        return countAttempt(key, now).waitSeconds();
    }

    /**
     * One attempt: counted ({@code waitSeconds} 0; {@code nextBefore} and {@code nextAfter} let it be
     * given back), or the seconds to wait (nothing counted).
     */
    public record Counted(String key, long waitSeconds, Instant nextBefore, Instant nextAfter) {
    }

    /** Counts one attempt, or says how long to wait (and counts nothing). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Counted countAttempt(String key, Instant now) {
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
            return new Counted(key, Timestamps.secondsUntil(next, now), null, null);
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
        return new Counted(key, 0, next, nextAttempt);
    }

    /**
     * Gives a counted attempt back (it was never tried: the password check was refused with 503),
     * unless another attempt has moved the row on since.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void giveBack(Counted counted) {
        entityManager.createNativeQuery("""
                        UPDATE login_backoff SET failures = GREATEST(failures - 1, 0), next_attempt_at = ?2
                        WHERE subject_hash = ?1 AND next_attempt_at = ?3""")
                .setParameter(1, counted.key()).setParameter(2, Timestamp.from(counted.nextBefore()))
                .setParameter(3, Timestamp.from(counted.nextAfter())).executeUpdate();
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
