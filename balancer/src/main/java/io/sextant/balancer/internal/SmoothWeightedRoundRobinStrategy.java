package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

/**
 * Smooth weighted round robin, the nginx upstream algorithm: every step each instance's current
 * value grows by its weight, the largest is chosen and lowered by the total weight. That sequence
 * is periodic (period = sum of weights / their gcd), so the picker computes one period when it is
 * built and a pick is a counter increment plus an array read. When the period would be too long
 * to compute in a few milliseconds, weights are scaled down proportionally first (an
 * approximation of the ratios within 1 / {@link #MAX_PERIOD}). The counter is a
 * {@link StripedCounter} started at a random step: no hot counter shared by threads, and no fleet
 * starting in step.
 */
final class SmoothWeightedRoundRobinStrategy implements Strategy {
    static final int MAX_PERIOD = 1 << 16;
    private static final long BUILD_BUDGET = 1L << 25; // period × instances steps

    private final StripedCounter next;

    /** A schedule walked from step {@code start} (a random number in production). */
    SmoothWeightedRoundRobinStrategy(int start) {
        this.next = new StripedCounter(start);
    }

    @Override
    public boolean isWeightAware() {
        return true;
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        ServiceInstance[] instances = Pickers.instances(candidates);
        int[] schedule = schedule(Pickers.weights(candidates));
        StripedCounter counter = next;
        return new Picker() {
            @Override
            public ServiceInstance pick(PickContext context) {
                return instances[schedule[Math.floorMod(counter.getAndIncrement(), schedule.length)]];
            }
        };
    }

    /** One period of the nginx sequence for {@code weights} (all ≥ 1), as instance indexes. */
    static int[] schedule(int[] weights) {
        int n = weights.length;
        long[] w = reduce(weights);
        long total = 0;
        for (long x : w) {
            total += x;
        }
        long limit = Math.max(n, Math.min(MAX_PERIOD, BUILD_BUDGET / n));
        if (total > limit) {
            double scale = (double) limit / total;
            total = 0;
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(1, Math.round(w[i] * scale));
                total += w[i];
            }
        }
        int[] out = new int[(int) total];
        long[] current = new long[n];
        for (int step = 0; step < out.length; step++) {
            int best = 0;
            for (int i = 0; i < n; i++) {
                current[i] += w[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            out[step] = best;
        }
        return out;
    }

    private static long[] reduce(int[] weights) {
        long g = 0;
        for (int x : weights) {
            g = gcd(g, x);
        }
        long[] w = new long[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i] / g;
        }
        return w;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
