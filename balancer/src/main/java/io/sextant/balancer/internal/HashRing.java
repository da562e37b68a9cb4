package io.sextant.balancer.internal;

import io.sextant.balancer.spi.Hashing;

import io.sextant.balancer.spi.Candidates;

import java.util.Arrays;

/**
 * A consistent-hash ring with virtual nodes (Karger et al.; the Ketama layout): each instance puts
 * points on a 2^64 circle at hashes of its id and a replica number, as many as its weight calls for,
 * and a key belongs to the first point at or after its hash. Each point packs its position (high
 * 44 bits) with its owner's candidate index (low 20 bits) so one sort of a {@code long[]} builds the
 * ring; a 65536-entry index on the top 16 bits makes lookup O(1) instead of a binary search.
 */
final class HashRing {
    private static final int OWNER_BITS = 20;
    private static final long OWNER_MASK = (1L << OWNER_BITS) - 1;
    static final int MAX_CANDIDATES = 1 << OWNER_BITS;
    static final int MAX_POINTS = 1 << 23;
    private static final int INDEX_BITS = 16;

    private final long[] points;
    private final int[] index;

    private HashRing(long[] points, int[] index) {
        this.points = points;
        this.index = index;
    }

    /** Builds the ring; {@code virtualNodes} points per instance of average weight (at least 1 each). */
    static HashRing build(Candidates c, int virtualNodes) {
        int n = c.size();
        if (n > MAX_CANDIDATES) {
            throw new IllegalArgumentException("a hash ring holds at most " + MAX_CANDIDATES + " instances, got " + n);
        }
        double totalWeight = 0;
        for (int i = 0; i < n; i++) {
            totalWeight += c.weight(i);
        }
        double perWeight = Math.min((double) virtualNodes * n, MAX_POINTS) / totalWeight;
        int[] replicas = new int[n];
        long count = 0;
        for (int i = 0; i < n; i++) {
            replicas[i] = (int) Math.max(1, Math.round(c.weight(i) * perWeight));
            count += replicas[i];
        }
        long[] points = new long[(int) count];
        int k = 0;
        for (int i = 0; i < n; i++) {
            long idHash = Hashing.hash(c.get(i).id());
            for (int r = 0; r < replicas[i]; r++) {
                long position = Hashing.mix(idHash + Hashing.mix(r + 1L));
                points[k++] = (position & ~OWNER_MASK) | i;
            }
        }
        // Unsigned order: flip the sign bit, sort signed, flip back.
        for (int i = 0; i < points.length; i++) {
            points[i] ^= Long.MIN_VALUE;
        }
        Arrays.sort(points);
        for (int i = 0; i < points.length; i++) {
            points[i] ^= Long.MIN_VALUE;
        }
        breakTies(points, c);
        return new HashRing(points, buildIndex(points));
    }

    // Two points at the same 44-bit position would be ordered by candidate index, which differs
    // between clients; order them by instance id instead so every client builds the same ring.
    private static void breakTies(long[] points, Candidates c) {
        for (int i = 1; i < points.length; i++) {
            for (int j = i; j > 0 && (points[j] & ~OWNER_MASK) == (points[j - 1] & ~OWNER_MASK)
                    && c.get(owner(points[j])).id().compareTo(c.get(owner(points[j - 1])).id()) < 0; j--) {
                long t = points[j];
                points[j] = points[j - 1];
                points[j - 1] = t;
            }
        }
    }

    private static int[] buildIndex(long[] points) {
        int buckets = 1 << INDEX_BITS;
        int[] index = new int[buckets + 1];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            while (k < points.length && (int) (points[k] >>> (64 - INDEX_BITS)) < b) {
                k++;
            }
            index[b] = k;
        }
        index[buckets] = points.length;
        return index;
    }

    private static int owner(long point) {
        return (int) (point & OWNER_MASK);
    }

    /** The ring position (0..size-1) of the first point at or after {@code hash}, wrapping. */
    int position(long hash) {
        int b = (int) (hash >>> (64 - INDEX_BITS));
        int k = index[b];
        int end = index[b + 1];
        long target = hash & ~OWNER_MASK;
        while (k < end && Long.compareUnsigned(points[k], target) < 0) {
            k++;
        }
        return k == points.length ? 0 : k;
    }

    /** The candidate index owning ring position {@code position}. */
    int ownerAt(int position) {
        return owner(points[position]);
    }

    int size() {
        return points.length;
    }

    /** Share of the circle each candidate owns (the arc before each of its points), for tests. */
    double[] ownership(int candidates) {
        double[] share = new double[candidates];
        for (int k = 0; k < points.length; k++) {
            long prev = k == 0 ? points[points.length - 1] : points[k - 1];
            long arc = (points[k] & ~OWNER_MASK) - (prev & ~OWNER_MASK); // wraps correctly mod 2^64
            share[owner(points[k])] += unsignedToDouble(arc) / 0x1p64;
        }
        return share;
    }

    private static double unsignedToDouble(long x) {
        return x >= 0 ? x : (x >>> 1) * 2.0 + (x & 1);
    }
}
