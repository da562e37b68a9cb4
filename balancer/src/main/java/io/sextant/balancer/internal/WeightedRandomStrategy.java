package io.sextant.balancer.internal;

import io.sextant.balancer.spi.Hashing;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.random.RandomGenerator;

/**
 * Weighted random choice in O(1) per pick by Walker's alias method, built with Vose's stable
 * variant: each of n columns holds its own instance with probability {@code threshold} and an alias
 * otherwise. One random long per pick: its high half picks the column, its low half tosses the coin.
 */
final class WeightedRandomStrategy implements Strategy {
    private final RandomGenerator random;

    WeightedRandomStrategy(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public boolean isWeightAware() {
        return true;
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        ServiceInstance[] instances = Pickers.instances(candidates);
        int n = instances.length;
        long[] threshold = new long[n];
        ServiceInstance[] alias = new ServiceInstance[n];
        int[] aliasIndex = aliasTable(Pickers.weights(candidates), threshold);
        for (int i = 0; i < n; i++) {
            alias[i] = instances[aliasIndex[i]];
        }
        RandomGenerator r = random;
        return new Picker() {
            @Override
            public ServiceInstance pick(PickContext context) {
                long bits = r.nextLong();
                int column = Hashing.reduce(bits, n);
                return (bits & 0xFFFFFFFFL) < threshold[column] ? instances[column] : alias[column];
            }
        };
    }

    /** Fills {@code threshold} (scaled to 2^32) and returns the alias of each column. */
    static int[] aliasTable(int[] weights, long[] threshold) {
        int n = weights.length;
        double total = 0;
        for (int w : weights) {
            total += w;
        }
        double[] p = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            p[i] = weights[i] * n / total;
            if (p[i] < 1.0) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        int[] alias = new int[n];
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            threshold[s] = (long) (p[s] * 0x1p32);
            alias[s] = l;
            p[l] = (p[l] + p[s]) - 1.0;
            if (p[l] < 1.0) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        // Left-overs are 1 up to rounding error: they always keep their own column.
        while (nl > 0) {
            int l = large[--nl];
            threshold[l] = 1L << 32;
            alias[l] = l;
        }
        while (ns > 0) {
            int s = small[--ns];
            threshold[s] = 1L << 32;
            alias[s] = s;
        }
        return alias;
    }
}
