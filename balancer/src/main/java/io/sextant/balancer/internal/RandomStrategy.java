package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.random.RandomGenerator;

/** Uniform random choice, ignoring weights. */
final class RandomStrategy implements Strategy {
    private final RandomGenerator random;

    RandomStrategy(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        ServiceInstance[] instances = Pickers.instances(candidates);
        RandomGenerator r = random;
        return new Picker() {
            @Override
            public ServiceInstance pick(PickContext context) {
                return instances[r.nextInt(instances.length)];
            }
        };
    }
}
