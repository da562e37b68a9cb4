package io.sextant.spi.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with one jitter rule, used by the core and by every backend: each delay is
 * drawn uniformly from the upper half of its ceiling ("equal jitter"), so a fleet that lost the
 * cluster together does not come back in step, yet no delay is shorter than half the intended one.
 *
 * <p>Retry {@code n} (0-based) waits between {@code c/2} and {@code c}, where
 * {@code c = min(max, base · 2^n)}. A periodic task waits between {@code period/2} and {@code period}
 * ({@link #jitter}), so "every {@code period}" means "at most {@code period} apart".
 *
 * <p>Immutable and thread-safe when its random source is. The random source is a seam for tests:
 * pass a fixed {@link DoubleSupplier} to get exact delays.
 */
public final class Backoff {
    private final long baseNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    /**
     * @param base   the ceiling of the first retry; positive
     * @param max    the largest ceiling; at least {@code base}
     * @param random numbers in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
     */
    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.baseNanos = Checks.positive("base", base).toNanos();
        this.maxNanos = Math.max(Checks.positive("max", max).toNanos(), baseNanos);
        this.random = Checks.notNull("random", random);
    }

    /** A back-off drawing from {@link ThreadLocalRandom}. */
    public static Backoff exponential(Duration base, Duration max) {
        return new Backoff(base, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The delay before retry number {@code attempt} (0 for the first retry; negative counts as 0). */
    public Duration delay(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long ceiling = baseNanos << shift;
        if (ceiling <= 0 || ceiling > maxNanos) {
            ceiling = maxNanos;
        }
        return spread(ceiling);
    }

    /** A wait for a periodic task: between half of {@code period} and all of it. */
    public Duration jitter(Duration period) {
        return spread(Checks.positive("period", period).toNanos());
    }

    private Duration spread(long ceiling) {
        long half = ceiling / 2;
        return Duration.ofNanos(Math.max(1, half + (long) (random.getAsDouble() * (ceiling - half))));
    }
}
