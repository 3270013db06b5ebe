package dev.privacy.platform.runtime.clock;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's {@link Clock}: system UTC time plus an offset that ops may move forward outside
 * the prod profile, so that a 10-year retention can be shown in seconds. Inject {@code Clock}.
 */
@Singleton
public class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public AdjustableClock() {
        this(Clock.systemUTC());
    }

    AdjustableClock(Clock base) {
        this.base = base;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(base, offset.get()).withZone(zone);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    public Duration offset() {
        return offset.get();
    }

    /** Moves the clock forward by a period (calendar years and months are counted in UTC from now). */
    public Instant advance(Period period, Duration duration) {
        if (period.isNegative() || duration.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward");
        }
        Instant now = instant();
        Instant target = now.atZone(ZoneOffset.UTC).plus(period).toInstant().plus(duration);
        offset.accumulateAndGet(Duration.between(now, target), Duration::plus);
        return instant();
    }

    /** Back to system time; for tests and demos outside prod. */
    public void reset() {
        offset.set(Duration.ZERO);
    }
}
