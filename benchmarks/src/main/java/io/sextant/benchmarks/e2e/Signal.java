package io.sextant.benchmarks.e2e;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** The latest sequence number a watcher has seen, and when; the writer spins until its own shows up. */
final class Signal {
    private final AtomicLong seen = new AtomicLong(-1);
    private volatile long seenAtNanos;

    void saw(long seq) {
        long now = System.nanoTime();
        if (seq > seen.get()) {
            seenAtNanos = now;
            seen.set(seq);
        }
    }

    /** Nanoseconds from {@code startNanos} until {@code seq} was seen, or -1 after {@code timeoutMillis}. */
    long await(long seq, long startNanos, long timeoutMillis) {
        long deadline = startNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (seen.get() < seq) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            LockSupport.parkNanos(20_000);
        }
        // Seen before the caller started waiting (a registration can reach the watcher before register()
        // returns): that is zero wait, not a failure.
        return Math.max(0, seenAtNanos - startNanos);
    }
}
