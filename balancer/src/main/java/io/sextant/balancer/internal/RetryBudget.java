package io.sextant.balancer.internal;

/**
 * How many retries a balancer may make, as Finagle's retry budget: within a sliding window of
 * {@link #BUCKETS} one-second buckets, retries may number {@code share} of the calls plus
 * {@code minPerSecond} per second of the window. Calls deposit, retries withdraw; a withdrawal
 * beyond the allowance is refused. Times come from the balancer's ticker. A short lock per call and
 * retry: execute is already microseconds of work, never on the pick path.
 */
final class RetryBudget {
    static final int BUCKETS = 10;
    private static final long BUCKET_NANOS = 1_000_000_000L;

    private final double share;
    private final double floor;
    private final long[] epochs = new long[BUCKETS];
    private final int[] calls = new int[BUCKETS];
    private final int[] retries = new int[BUCKETS];

    RetryBudget(double share, int minPerSecond) {
        this.share = share;
        this.floor = (double) minPerSecond * BUCKETS;
        java.util.Arrays.fill(epochs, Long.MIN_VALUE);
    }

    /** Counts a call started at {@code now}. */
    synchronized void deposit(long now) {
        calls[bucket(now)]++;
    }

    /** Counts a retry at {@code now} when the budget allows one; {@code false} (and nothing counted) when spent. */
    synchronized boolean tryWithdraw(long now) {
        int b = bucket(now);
        long epoch = epochs[b];
        long recentCalls = 0;
        long recentRetries = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (epoch - epochs[i] < BUCKETS && epochs[i] != Long.MIN_VALUE) {
                recentCalls += calls[i];
                recentRetries += retries[i];
            }
        }
        if (recentRetries >= floor + share * recentCalls) {
            return false;
        }
        retries[b]++;
        return true;
    }

    private int bucket(long now) {
        long epoch = Math.floorDiv(now, BUCKET_NANOS);
        int b = (int) Math.floorMod(epoch, (long) BUCKETS);
        if (epochs[b] != epoch) {
            epochs[b] = epoch;
            calls[b] = 0;
            retries[b] = 0;
        }
        return b;
    }
}
