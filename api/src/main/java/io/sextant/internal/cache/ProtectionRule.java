package io.sextant.internal.cache;

import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;

import java.util.Set;

/**
 * Empty and mass-drop protection, as pure functions.
 *
 * <p>An update is a <em>mass drop</em> when it would remove instances from a non-empty set and either
 * empty it or remove more than {@code threshold} of it (the applier measures drops made while the
 * connection is unstable against the last set published in steady state). A mass drop is <em>held</em> (the old set keeps
 * being served, marked stale) while the connection is unstable (not connected, or inside the settle
 * window after a reconnect or a resync snapshot), and stays held until a read issued while the
 * connection was stable confirms it. Anything else, and every update in steady state, applies at once.
 */
final class ProtectionRule {
    private ProtectionRule() {
    }

    static boolean isMassDrop(InstanceSet published, Set<String> candidateIds, double threshold) {
        if (published.isEmpty()) {
            return false;
        }
        int dropped = 0;
        for (ServiceInstance i : published.instances()) {
            if (!candidateIds.contains(i.id())) {
                dropped++;
            }
        }
        return dropped > 0 && (dropped == published.size() || dropped > threshold * published.size());
    }

    /**
     * @param unstable      not connected, or inside the settle window
     * @param holding       a mass drop is already being held
     * @param authoritative the update comes from a first snapshot or a stable confirming read
     */
    static boolean shouldHold(boolean massDrop, boolean unstable, boolean holding, boolean authoritative) {
        return massDrop && !authoritative && (unstable || holding);
    }
}
