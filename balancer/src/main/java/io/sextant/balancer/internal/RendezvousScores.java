package io.sextant.balancer.internal;

import io.sextant.balancer.spi.Hashing;

/**
 * The O(n) highest-random-weight scan of {@link RendezvousStrategy}: which candidate index wins a
 * key. Immutable, built once per picker with the per-instance id hashes and 1/weight precomputed.
 */
final class RendezvousScores {
    /**
     * Scales the lower bound {@code (1 − u)/w} of a weighted score before comparing it with the best
     * so far. {@link Hashing#negLog} is within about 1e-9 of −ln(u) ≥ 1 − u and the bound's own
     * rounding is a few ulps, so a bound that still exceeds the best after this 1e-6 margin proves
     * the exactly computed score would have lost too: skipping its logarithm changes no result.
     */
    private static final double BOUND_MARGIN = 1 - 1e-6;

    private final long[] idHashes;
    /** 1 / weight per candidate, or {@code null} when all weights are equal (no logarithm needed). */
    private final double[] inverseWeights;
    private final double maxWeight;

    private RendezvousScores(long[] idHashes, double[] inverseWeights, double maxWeight) {
        this.idHashes = idHashes;
        this.inverseWeights = inverseWeights;
        this.maxWeight = maxWeight;
    }

    static RendezvousScores of(long[] idHashes, int[] weights) {
        if (Pickers.allEqual(weights)) {
            return new RendezvousScores(idHashes, null, weights[0]);
        }
        double[] inverse = new double[weights.length];
        int max = 1;
        for (int i = 0; i < weights.length; i++) {
            inverse[i] = 1.0 / weights[i];
            max = Math.max(max, weights[i]);
        }
        return new RendezvousScores(idHashes, inverse, max);
    }

    /** The index of the candidate that wins {@code key}. */
    int best(long key) {
        return inverseWeights == null ? bestEqual(key) : bestWeighted(key);
    }

    /** With equal weights w / −ln(u) is monotone in u: the highest hash wins, ties to the highest id hash. */
    private int bestEqual(long key) {
        long[] ids = idHashes;
        int best = 0;
        long bestScore = Hashing.mix(key ^ ids[0]);
        for (int i = 1; i < ids.length; i++) {
            long score = Hashing.mix(key ^ ids[i]);
            if (Long.compareUnsigned(score, bestScore) > 0
                    || (score == bestScore && Long.compareUnsigned(ids[i], ids[best]) > 0)) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * Highest w / −ln(u) is lowest −ln(u) / w: a multiply instead of a divide. Two prunes skip the
     * logarithm: per instance, (1 − u) / w above the best; before that, with integers only, a hash
     * below {@link #pruneLimit} (u so far from 1 that even the largest weight cannot win).
     */
    private int bestWeighted(long key) {
        long[] ids = idHashes;
        double[] inverse = inverseWeights;
        int best = 0;
        double bestScore = Double.POSITIVE_INFINITY;
        long limit = 0;
        for (int i = 0; i < ids.length; i++) {
            long h = Hashing.mix(key ^ ids[i]);
            if ((h >>> 12) < limit) {
                continue;
            }
            double u = Hashing.unit(h);
            double iw = inverse[i];
            if ((1 - u) * iw * BOUND_MARGIN > bestScore) {
                continue; // cannot win or tie: -ln(u) >= 1 - u
            }
            double score = Hashing.negLog(u) * iw;
            if (score < bestScore || (score == bestScore && Long.compareUnsigned(ids[i], ids[best]) > 0)) {
                best = i;
                bestScore = score;
                limit = pruneLimit(bestScore);
            }
        }
        return best;
    }

    /**
     * The 52-bit hash value h below which no instance can beat {@code bestScore}: 1 − u, exactly
     * (2^52 − h − ½)·2^-52, then exceeds bestScore · maxWeight / margin (plus 1e-9 for the rounding
     * of this product), so every instance's bound (1 − u) / w is above the best, margin included.
     * Computed on 1 − u in units of 2^-52, so no absolute rounding error enters. 0: never prune.
     */
    private long pruneLimit(double bestScore) {
        double gap = bestScore * maxWeight / BOUND_MARGIN * (1 + 1e-9) * 0x1.0p52;
        return gap < 0x1.0p52 ? (1L << 52) - (long) Math.ceil(gap) - 1 : 0;
    }
}
