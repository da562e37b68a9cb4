package io.sextant.internal;

/**
 * A monotonic time source in nanoseconds, for windows and timeouts (never the wall clock, which can
 * step backwards). A seam: tests pass one they move by hand, as Caffeine's {@code Ticker}.
 */
@FunctionalInterface
public interface Ticker {
    /** {@link System#nanoTime()}. */
    Ticker SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long read();
}
