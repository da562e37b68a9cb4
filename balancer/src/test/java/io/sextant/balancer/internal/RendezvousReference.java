package io.sextant.balancer.internal;

import io.sextant.balancer.spi.Hashing;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;

import java.util.List;

/**
 * The rendezvous scan as first released (full logarithm for every instance, no memo, no pruning):
 * the oracle that the optimized picker must match bit for bit.
 */
final class RendezvousReference {
    private RendezvousReference() {
    }

    static String pick(List<ServiceInstance> instances, PickContext context) {
        long key = context.keyHash();
        int n = instances.size();
        long[] ids = new long[n];
        boolean equal = true;
        for (int i = 0; i < n; i++) {
            ids[i] = Hashing.hash(instances.get(i).id());
            equal &= instances.get(i).weight() == instances.get(0).weight();
        }
        int best = 0;
        if (equal) {
            long bestScore = Hashing.mix(key ^ ids[0]);
            for (int i = 1; i < n; i++) {
                long score = Hashing.mix(key ^ ids[i]);
                if (Long.compareUnsigned(score, bestScore) > 0
                        || (score == bestScore && Long.compareUnsigned(ids[i], ids[best]) > 0)) {
                    best = i;
                    bestScore = score;
                }
            }
        } else {
            double bestScore = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double score = Hashing.negLog(Hashing.unit(Hashing.mix(key ^ ids[i])))
                        * (1.0 / instances.get(i).weight());
                if (score < bestScore || (score == bestScore && Long.compareUnsigned(ids[i], ids[best]) > 0)) {
                    best = i;
                    bestScore = score;
                }
            }
        }
        return instances.get(best).id();
    }
}
