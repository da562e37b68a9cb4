package io.sextant.balancer.internal;

import io.sextant.balancer.spi.Hashing;

import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.random.RandomGenerator;

/**
 * Maglev hashing on the request key: a pick is one lookup in a prime-sized table (65537 slots by
 * default) built per snapshot. Near-perfect balance (each instance holds ⌊M/n⌋ or ⌈M/n⌉ slots at
 * equal weight) for slightly more disruption than a ring: a join or leave moves a bit more than
 * 1/n of the keys, the trade-off the paper publishes. Calls without a key go to a random slot.
 *
 * <p>The same table keyed by the caller's address is source-address hashing (like nginx's
 * {@code ip_hash}, but consistent): a caller keeps reaching the same instance and a join or leave
 * re-homes few callers; calls without a source address go to a random slot.
 */
final class MaglevStrategy implements Strategy {
    private final RandomGenerator random;
    private final int tableSize;
    private final boolean bySourceAddress;

    MaglevStrategy(RandomGenerator random, int tableSize) {
        this(random, tableSize, false);
    }

    private MaglevStrategy(RandomGenerator random, int tableSize, boolean bySourceAddress) {
        this.random = random;
        this.tableSize = tableSize;
        this.bySourceAddress = bySourceAddress;
    }

    /** The {@code source-hash} strategy: the Maglev table keyed by the caller's address. */
    static MaglevStrategy bySourceAddress(RandomGenerator random, int tableSize) {
        return new MaglevStrategy(random, tableSize, true);
    }

    @Override
    public boolean isWeightAware() {
        return true;
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        ServiceInstance[] table = MaglevTable.build(candidates, tableSize);
        RandomGenerator r = random;
        if (bySourceAddress) {
            return context -> table[Hashing.reduce(Pickers.sourceHash(context, r), table.length)];
        }
        return context -> table[Hashing.reduce(Pickers.keyHash(context, r), table.length)];
    }
}
