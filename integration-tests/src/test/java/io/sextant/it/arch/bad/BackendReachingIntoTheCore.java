package io.sextant.it.arch.bad;

import io.sextant.internal.Keys;

/** A deliberate violation, only ever imported by ArchitectureTest to prove its rules can fail. */
public final class BackendReachingIntoTheCore {
    private BackendReachingIntoTheCore() {
    }

    static String key() {
        return Keys.instanceKey("orders", "a");
    }
}
