package io.sextant.etcd;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with "equal jitter": attempt n waits between half and all of
 * {@code min(max, base * 2^n)}, so a fleet that lost the cluster together does not come back in step.
 */
final class Backoff {
    private final long baseNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.baseNanos = base.toNanos();
        this.maxNanos = Math.max(max.toNanos(), baseNanos);
        this.random = random;
    }

    /** The delay before retry number {@code attempt} (0 for the first retry). */
    Duration delay(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long ceiling = baseNanos << shift;
        if (ceiling <= 0 || ceiling > maxNanos) {
            ceiling = maxNanos;
        }
        long half = ceiling / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
