package io.sextant.it.arch.bad;

import io.sextant.internal.Keys;

/** A deliberate violation: a public signature that mentions an internal type (ArchitectureTest only). */
public final class LeakyPublicType {
    private LeakyPublicType() {
    }

    public static Keys leak() {
        return null;
    }
}
