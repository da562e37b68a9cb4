package io.sextant.balancer.internal;

/** Age decay of load information. */
final class Decay {
    private Decay() {
    }

    /**
     * Roughly e^-x for x ≥ 0, without calling {@link Math#exp}: 1 / (1 + x + x²/2 + x³/6). Within a
     * few per cent of e^-x for x below 1 and still falling towards 0 beyond; cheap enough for the
     * pick path. Negative ages (clock races) count as 0.
     */
    static double factor(double x) {
        if (x <= 0) {
            return 1.0;
        }
        return 1.0 / (1.0 + x * (1.0 + x * (0.5 + x * (1.0 / 6))));
    }
}
