package io.sextant.balancer.internal;

import io.sextant.balancer.spi.Hashing;

import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;

/**
 * The Maglev lookup table (Eisenbud et al., NSDI 2016): each instance walks its own permutation of
 * the M slots, (offset + j × skip) mod M with offset and skip from two hashes of its id, and the
 * instances take turns claiming their next free slot until the table is full. With M prime every
 * permutation visits every slot. Turns are weighted (an instance earns weight / max weight turns
 * per round); instances take turns in id order, so the table depends only on the set.
 */
final class MaglevTable {
    private MaglevTable() {
    }

    static ServiceInstance[] build(Candidates c, int size) {
        int n = c.size();
        int[] order = Pickers.byId(c);
        long[] offset = new long[n];
        long[] skip = new long[n];
        long[] next = new long[n];
        double[] turn = new double[n];
        double[] credit = new double[n];
        int maxWeight = 1;
        for (int i = 0; i < n; i++) {
            maxWeight = Math.max(maxWeight, c.weight(i));
        }
        for (int i = 0; i < n; i++) {
            String id = c.get(i).id();
            offset[i] = Long.remainderUnsigned(Hashing.hash(id, 1), size);
            skip[i] = Long.remainderUnsigned(Hashing.hash(id, 2), size - 1) + 1;
            next[i] = offset[i];
            turn[i] = (double) c.weight(i) / maxWeight;
        }
        ServiceInstance[] table = new ServiceInstance[size];
        int filled = 0;
        while (filled < size) {
            for (int o = 0; o < n && filled < size; o++) {
                int i = order[o];
                credit[i] += turn[i];
                while (credit[i] >= 1.0 && filled < size) {
                    credit[i] -= 1.0;
                    long slot = next[i];
                    while (table[(int) slot] != null) {
                        slot += skip[i];
                        if (slot >= size) {
                            slot -= size;
                        }
                    }
                    table[(int) slot] = c.get(i);
                    slot += skip[i];
                    next[i] = slot >= size ? slot - size : slot;
                    filled++;
                }
            }
        }
        return table;
    }
}
