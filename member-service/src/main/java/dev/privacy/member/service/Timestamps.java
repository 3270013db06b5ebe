package dev.privacy.member.service;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Timestamps read from native queries, and Retry-After seconds. */
final class Timestamps {

    private Timestamps() {
    }

    static Instant toInstant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

    /** Whole seconds from {@code now} until {@code until}, rounded up, at least 1 (a Retry-After value). */
    static long secondsUntil(Instant until, Instant now) {
        long millis = Duration.between(now, until).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
