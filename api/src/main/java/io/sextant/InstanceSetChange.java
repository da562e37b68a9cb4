package io.sextant;

import java.util.List;

/**
 * What one published change of a {@link ServiceCache} did: the old and new sets and their diff.
 *
 * <p>Lists are unmodifiable and in instance-id order. A change that only flips staleness has empty
 * lists and {@link #stalenessChanged()} {@code true}.
 *
 * @param previous the set before
 * @param current  the set after
 * @param added    instances present only in {@code current}
 * @param removed  instances present only in {@code previous}
 * @param updated  instances present in both whose data differs
 */
public record InstanceSetChange(InstanceSet previous, InstanceSet current, List<ServiceInstance> added,
                                List<ServiceInstance> removed, List<InstanceUpdate> updated) {

    public InstanceSetChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        updated = List.copyOf(updated);
    }

    /** Whether the staleness differs between the two sets. */
    public boolean stalenessChanged() {
        return previous.isStale() != current.isStale();
    }

    /** Whether any instance was added, removed or updated. */
    public boolean hasInstanceChanges() {
        return !added.isEmpty() || !removed.isEmpty() || !updated.isEmpty();
    }
}
