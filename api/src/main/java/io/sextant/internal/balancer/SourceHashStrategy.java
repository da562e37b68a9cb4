package io.sextant.internal.balancer;

import io.sextant.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.spi.Candidates;
import io.sextant.spi.Picker;
import io.sextant.spi.Strategy;

import java.util.random.RandomGenerator;

/**
 * Source-address hashing (like nginx's {@code ip_hash}, but consistent): the caller's address is
 * the key of a Maglev table, so a caller keeps reaching the same instance and a join or leave
 * re-homes few callers. Calls without a source address go to a random slot.
 */
final class SourceHashStrategy implements Strategy {
    private final RandomGenerator random;
    private final int tableSize;

    SourceHashStrategy(RandomGenerator random, int tableSize) {
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
                return table[Hashing.reduce(Pickers.sourceHash(context, r), table.length)];
            }
        };
    }
}
