package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;

import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;

/** Small helpers shared by the built-in strategies. */
final class Pickers {
    private Pickers() {
    }

    static ServiceInstance[] instances(Candidates c) {
        ServiceInstance[] a = new ServiceInstance[c.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = c.get(i);
        }
        return a;
    }

    static int[] weights(Candidates c) {
        int[] w = new int[c.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = c.weight(i);
        }
        return w;
    }

    /**
     * Candidate indexes sorted by instance id: hash-based builders walk instances in this order so
     * their result does not depend on the order the candidates came in.
     */
    static int[] byId(Candidates c) {
        Integer[] idx = new Integer[c.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparing(i -> c.get(i).id()));
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** The request key's hash, or a random one for calls without a key (they spread evenly). */
    static long keyHash(PickContext ctx, RandomGenerator random) {
        return ctx.hasKey() ? ctx.keyHash() : random.nextLong();
    }

    /** The source address's hash, or a random one when the caller gave none. */
    static long sourceHash(PickContext ctx, RandomGenerator random) {
        return ctx.hasSourceAddress() ? ctx.sourceHash() : random.nextLong();
    }

    static boolean allEqual(int[] w) {
        for (int x : w) {
            if (x != w[0]) {
                return false;
            }
        }
        return true;
    }
}
