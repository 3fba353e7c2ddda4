package dev.eider.runtime.seal;

import java.time.Duration;
import java.util.Objects;

/** How long a writer waits before retrying a failed seal: doubling from {@code initial} up to {@code max}. */
public record RetryBackoff(Duration initial, Duration max) {
    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    public RetryBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("retry backoff initial delay must be > 0, got " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry backoff max " + max + " is below initial " + initial);
        }
    }

    /** The delay after {@code consecutiveFailures} (>= 1) failures in a row, in nanoseconds. */
    public long delayNanos(int consecutiveFailures) {
        long maxNanos = max.toNanos();
        long delay = initial.toNanos();
        for (int i = 1; i < consecutiveFailures && delay < maxNanos; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxNanos);
    }
}
