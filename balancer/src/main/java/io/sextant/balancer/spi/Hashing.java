package io.sextant.balancer.spi;

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
    public static int reduce(long hash, int n) {
        return (int) (((hash >>> 32) * n) >>> 32);
    }

    private static final double LN2 = 0.6931471805599453;
    private static final long SQRT2_MANTISSA = Double.doubleToRawLongBits(Math.sqrt(2)) & 0x000F_FFFF_FFFF_FFFFL;

    /**
     * −ln(u) for u in (0, 1), to about 1e-9 relative, from + − × ÷ only: the result is the same on
     * every JVM and CPU (unlike {@link Math#log}, which may differ in the last bit between
     * platforms), so clients never disagree on a hash score. ln(m) for the mantissa m in [√½, √2) is
     * 2·atanh((m−1)/(m+1)) summed to the 9th power.
     */
    public static double negLog(double u) {
        long bits = Double.doubleToRawLongBits(u); // u is a normal double: 2^-53 <= u < 1
        long mantissa = bits & 0x000F_FFFF_FFFF_FFFFL;
        // Keep m in [0.707, 1.414] (|s| <= 0.172, exact near u = 1): when the mantissa exceeds
        // that of sqrt(2), halve m and raise e. Branch-free: a 50/50 branch here costs more than
        // all the arithmetic.
        long up = (SQRT2_MANTISSA - mantissa) >>> 63;
        int e = (int) (bits >>> 52) - 1023 + (int) up;
        double m = Double.longBitsToDouble(mantissa | ((0x3FFL - up) << 52));
        double s = (m - 1) / (m + 1);
        double s2 = s * s;
        double lnM = 2 * s * (1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9)))));
        return -(e * LN2 + lnM);
    }

    /** A hash as a double in the open interval (0, 1). */
    public static double unit(long hash) {
        return ((hash >>> 12) + 0.5) * 0x1.0p-52; // 52 bits + 0.5 fit a double exactly: never 0 or 1
    }
}
