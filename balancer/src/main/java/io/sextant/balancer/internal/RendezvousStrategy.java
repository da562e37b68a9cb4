package io.sextant.balancer.internal;

import io.sextant.balancer.spi.Hashing;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.random.RandomGenerator;

/**
 * Rendezvous, or highest random weight, hashing (Thaler and Ravishankar 1998), weighted as in
 * Schindelhauer and Schomaker's logarithmic method: every instance scores the key with
 * w / −ln(u), u a uniform hash of (key, instance id), and the highest score wins. A join or leave
 * moves exactly the keys the changed instance wins or won. With equal weights the score is monotone
 * in u, so the logarithm is skipped; otherwise a portable logarithm ({@link Hashing#negLog}) keeps
 * every JVM's scores identical. The scan is O(n) ({@link RendezvousScores}); each picker remembers
 * recent keys' winners ({@link RendezvousMemo}), so a repeated key costs O(1). No table to build.
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
        long[] idHashes = new long[instances.length];
        for (int i = 0; i < instances.length; i++) {
            idHashes[i] = Hashing.hash(instances[i].id());
        }
        RendezvousScores scores = RendezvousScores.of(idHashes, Pickers.weights(candidates));
        if (instances.length > RendezvousMemo.MAX_CANDIDATES) {
            return context -> instances[scores.best(Pickers.keyHash(context, random))];
        }
        return new MemoPicker(instances, scores, new RendezvousMemo(instances.length), random);
    }

    private static final class MemoPicker implements Picker {
        private final ServiceInstance[] instances;
        private final RendezvousScores scores;
        private final RendezvousMemo memo;
        private final RandomGenerator random;

        MemoPicker(ServiceInstance[] instances, RendezvousScores scores, RendezvousMemo memo, RandomGenerator random) {
            this.instances = instances;
            this.scores = scores;
            this.memo = memo;
            this.random = random;
        }

        @Override
        public ServiceInstance pick(PickContext context) {
            if (!context.hasKey()) {
                return instances[scores.best(random.nextLong())]; // random keys never repeat: keep them out
            }
            long key = context.keyHash();
            int index = memo.get(key);
            if (index < 0) {
                index = scores.best(key);
                memo.put(key, index);
            }
            return instances[index];
        }
    }
}
