package io.sextant.internal.balancer;

/**
 * Stable 64-bit hashes: the same string gives the same hash in every JVM and release, which is what
 * lets independent clients agree on where a key goes. Not cryptographic.
 */
public final class Hashing {
    private static final long FNV_PRIME = 0x100000001B3L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Hashing() {
    }

    /** FNV-1a over the UTF-16 chars, then a 64-bit finalizer for avalanche. Allocates nothing. */
    public static long hash(String s) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= FNV_PRIME;
        }
        return mix(h ^ s.length());
    }

    /** A second, independent hash of the same string (different seed before finalizing). */
    public static long hash(String s, long seed) {
        return mix(hash(s) + seed * GOLDEN);
    }

    /** The murmur3 64-bit finalizer: a bijection that spreads every input bit over the output. */
    public static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /** Maps a hash uniformly onto 0..n-1 with a multiply instead of a division (Lemire). */
    static int reduce(long hash, int n) {
        return (int) (((hash >>> 32) * n) >>> 32);
    }

    /** A hash as a double in the open interval (0, 1). */
    static double unit(long hash) {
        return ((hash >>> 11) + 0.5) * 0x1.0p-53;
    }
}
