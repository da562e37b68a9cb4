package io.sextant.internal.balancer;

import io.sextant.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.spi.Candidates;
import io.sextant.spi.Picker;
import io.sextant.spi.Strategy;

import java.util.random.RandomGenerator;

/**
 * Maglev hashing on the request key: a pick is one lookup in a prime-sized table (65537 slots by
 * default) built per snapshot. Near-perfect balance (each instance holds ⌊M/n⌋ or ⌈M/n⌉ slots at
 * equal weight) for slightly more disruption than a ring: a join or leave moves a bit more than
 * 1/n of the keys, the trade-off the paper publishes. Calls without a key go to a random slot.
 */
final class MaglevStrategy implements Strategy {
    private final RandomGenerator random;
    private final int tableSize;

    MaglevStrategy(RandomGenerator random, int tableSize) {
        this.random = random;
        this.tableSize = tableSize;
    }

    @Override
    public boolean isWeightAware() {
        return true;
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        ServiceInstance[] table = MaglevTable.build(candidates, tableSize);
        RandomGenerator r = random;
        return new Picker() {
            @Override
            public ServiceInstance pick(PickContext context) {
                return table[Hashing.reduce(Pickers.keyHash(context, r), table.length)];
            }
        };
    }
}
