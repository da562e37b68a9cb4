package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.random.RandomGenerator;

/**
 * Consistent hashing on a ring with virtual nodes (Karger et al. 1997): a key goes to the instance
 * owning the first ring point at or after the key's hash; when one instance joins or leaves only
 * the keys on its arcs move, about 1/n of them. Calls without a key go to a random point.
 */
final class RingHashStrategy implements Strategy {
    private final RandomGenerator random;
    private final int virtualNodes;

    RingHashStrategy(RandomGenerator random, int virtualNodes) {
        this.random = random;
        this.virtualNodes = virtualNodes;
    }

    @Override
    public boolean isWeightAware() {
        return true;
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        ServiceInstance[] instances = Pickers.instances(candidates);
        HashRing ring = HashRing.build(candidates, virtualNodes);
        RandomGenerator r = random;
        return new Picker() {
            @Override
            public ServiceInstance pick(PickContext context) {
                return instances[ring.ownerAt(ring.position(Pickers.keyHash(context, r)))];
            }
        };
    }
}
