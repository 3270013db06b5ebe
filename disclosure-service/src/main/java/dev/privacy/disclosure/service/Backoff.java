package dev.privacy.disclosure.service;

import java.time.Duration;

/** Exponential backoff: {@code initial} after the first failure, doubled each time, at most {@code max}. */
public final class Backoff {

    private Backoff() {
    }

    public static Duration after(int failedAttempts, Duration initial, Duration max) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
