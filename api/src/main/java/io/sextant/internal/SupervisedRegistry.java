package io.sextant.internal;

import io.sextant.Registry;
import io.sextant.SextantConfig;

/** The core {@link Registry}: codec, caches and the registration supervisor over any backend. */
public final class SupervisedRegistry {
    private SupervisedRegistry() {
    }

    public static Registry open(SextantConfig config) {
        throw new UnsupportedOperationException("the core registry is being built (issue 2)");
    }
}
