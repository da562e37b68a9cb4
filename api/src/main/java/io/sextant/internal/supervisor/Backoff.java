package io.sextant.internal.supervisor;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Delays: exponential back-off after failures and a jittered period, from an injected random source. */
final class Backoff {
    private static final double JITTER = 0.2;

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random numbers in [0, 1) */
    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** {@code period} ±20%. */
    Duration jittered(Duration period) {
        double factor = 1 - JITTER + 2 * JITTER * random.getAsDouble();
        return Duration.ofNanos(Math.max(1, (long) (period.toNanos() * factor)));
    }

    /** After the {@code failures}-th failure in a row (1-based): initial·2^(n-1), at most max, ±20%. */
    Duration afterFailures(int failures) {
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        long nanos = Math.min(max.toNanos(), initial.toNanos() << shift);
        if (nanos < 0) {
            nanos = max.toNanos();
        }
        return jittered(Duration.ofNanos(nanos));
    }
}
