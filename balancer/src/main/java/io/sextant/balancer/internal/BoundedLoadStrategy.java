package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.InstanceLoad;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.random.RandomGenerator;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup, Zadimoghaddam 2018): with m calls in
 * flight (counting this one) and capacity factor c, no instance may hold more than
 * ceil(c × m × w / W) of them. A key goes to its ring owner, or when that one is full, to the next
 * instance clockwise with room. Loads are tracked picks in flight; untracked picks add no load, so
 * without tracking this is plain ring hashing. Concurrent pickers may each see the same room, so
 * under contention an instance may exceed its bound by the number of racing picks.
 */
final class BoundedLoadStrategy implements Strategy {
    private final RandomGenerator random;
    private final int virtualNodes;
    private final double factor;

    BoundedLoadStrategy(RandomGenerator random, int virtualNodes, double factor) {
        this.random = random;
        this.virtualNodes = virtualNodes;
        this.factor = factor;
    }

    @Override
    public boolean isWeightAware() {
        return true;
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        ServiceInstance[] instances = Pickers.instances(candidates);
        int n = instances.length;
        InstanceLoad[] loads = new InstanceLoad[n];
        double[] share = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += candidates.weight(i);
        }
        for (int i = 0; i < n; i++) {
            loads[i] = candidates.load(i);
            share[i] = factor * candidates.weight(i) / total;
        }
        HashRing ring = HashRing.build(candidates, virtualNodes);
        RandomGenerator r = random;
        return new Picker() {
            @Override
            public ServiceInstance pick(PickContext context) {
                int m = candidates.totalInFlight() + 1;
                int start = ring.position(Pickers.keyHash(context, r));
                int size = ring.size();
                for (int step = 0, k = start; step < size; step++, k = k + 1 == size ? 0 : k + 1) {
                    int owner = ring.ownerAt(k);
                    if (loads[owner].inFlight() < Math.ceil(share[owner] * m)) {
                        return instances[owner];
                    }
                }
                return instances[ring.ownerAt(start)]; // only reachable under racing updates
            }
        };
    }
}
