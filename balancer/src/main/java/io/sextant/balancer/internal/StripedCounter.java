package io.sextant.balancer.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A rotation counter split into stripes, one cache line each, chosen by the calling thread's id:
 * threads of a pool (consecutive ids) count on different lines, so picking from one balancer on
 * several threads does not bounce one hot line between cores. Each stripe rotates by one per call,
 * so the calls of one thread (and of each stripe) visit every index once per round: the rotation
 * stays exactly fair per stripe, and over all calls within one round per stripe in use.
 *
 * <p>Stripes start spread apart (by the golden ratio) from a start the owner chooses at random, so
 * neither two threads nor two balancers of a fleet begin at the same index.
 */
final class StripedCounter {
    /** Stripes: a power of two, four per core, 8..64. */
    static final int STRIPES = Math.max(8, Math.min(64, Integer.highestOneBit(
            Runtime.getRuntime().availableProcessors() * 4 - 1) << 1));
    private static final int PAD = 32; // ints per stripe: 128 bytes, two cache lines against adjacent-line prefetch
    private static final int SPREAD = 0x9E3779B9;
    private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(int[].class);

    private final int[] cells = new int[(STRIPES + 1) * PAD]; // stripe i at (i + 1) * PAD: none shares the array header's line

    StripedCounter(int start) {
        for (int i = 0; i < STRIPES; i++) {
            cells[(i + 1) * PAD] = start + i * SPREAD;
        }
    }

    /** The calling thread's stripe's value, then advanced by one. Wraps past {@link Integer#MAX_VALUE}: index with floorMod. */
    int getAndIncrement() {
        return (int) CELL.getAndAdd(cells, (stripe(Thread.currentThread().getId()) + 1) * PAD, 1);
    }

    static int stripe(long threadId) {
        return (int) threadId & (STRIPES - 1);
    }
}
