package io.sextant.internal.balancer;

import io.sextant.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.spi.Candidates;
import io.sextant.spi.Picker;
import io.sextant.spi.Strategy;

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
