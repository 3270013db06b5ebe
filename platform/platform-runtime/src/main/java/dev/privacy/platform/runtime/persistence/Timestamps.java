package dev.privacy.platform.runtime.persistence;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Timestamps read from native queries, and Retry-After seconds. */
public final class Timestamps {

    private Timestamps() {
    }

    /**
     * A timestamp column's value as a native query returns it (a {@link Timestamp}, an
     * {@link Instant} or an {@link OffsetDateTime}, depending on the column and the driver), or
     * its ISO-8601 text.
     */
    public static Instant toInstant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof CharSequence text) {
            return Instant.parse(text);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
    }

    /** Whole seconds from {@code now} until {@code until}, rounded up, at least 1 (a Retry-After value). */
    public static long secondsUntil(Instant until, Instant now) {
        long millis = Duration.between(now, until).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
