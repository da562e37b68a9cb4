package io.sextant.internal.balancer;

import io.sextant.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.spi.Candidates;
import io.sextant.spi.Picker;
import io.sextant.spi.Strategy;

import java.util.random.RandomGenerator;

/**
 * Rendezvous, or highest random weight, hashing (Thaler and Ravishankar 1998), weighted as in
 * Schindelhauer and Schomaker's logarithmic method: every instance scores the key with
 * w / −ln(u), u a uniform hash of (key, instance id), and the highest score wins. A join or leave
 * moves exactly the keys the changed instance wins or won. With equal weights the score is monotone
 * in u, so the logarithm is skipped; otherwise a portable logarithm ({@link Hashing#negLog}) keeps
 * every JVM's scores identical. O(n) per pick, no table to build.
 */
final class RendezvousStrategy implements Strategy {
    private final RandomGenerator random;

    RendezvousStrategy(RandomGenerator random) {
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
        long[] idHashes = new long[n];
        double[] inverseWeights = new double[n];
        int[] w = Pickers.weights(candidates);
        for (int i = 0; i < n; i++) {
            idHashes[i] = Hashing.hash(instances[i].id());
            inverseWeights[i] = 1.0 / w[i];
        }
        RandomGenerator r = random;
        if (Pickers.allEqual(w)) {
            return new Picker() {
                @Override
                public ServiceInstance pick(PickContext context) {
                    long key = Pickers.keyHash(context, r);
                    int best = 0;
                    long bestScore = Hashing.mix(key ^ idHashes[0]);
                    for (int i = 1; i < n; i++) {
                        long score = Hashing.mix(key ^ idHashes[i]);
                        if (Long.compareUnsigned(score, bestScore) > 0
                                || (score == bestScore && Long.compareUnsigned(idHashes[i], idHashes[best]) > 0)) {
                            best = i;
                            bestScore = score;
                        }
                    }
                    return instances[best];
                }
            };
        }
        return new Picker() {
            @Override
            public ServiceInstance pick(PickContext context) {
                long key = Pickers.keyHash(context, r);
                int best = 0;
                double bestScore = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    // Highest w / -ln(u) is lowest -ln(u) / w: a multiply instead of a divide.
                    double score = Hashing.negLog(Hashing.unit(Hashing.mix(key ^ idHashes[i]))) * inverseWeights[i];
                    if (score < bestScore
                            || (score == bestScore && Long.compareUnsigned(idHashes[i], idHashes[best]) > 0)) {
                        best = i;
                        bestScore = score;
                    }
                }
                return instances[best];
            }
        };
    }
}
