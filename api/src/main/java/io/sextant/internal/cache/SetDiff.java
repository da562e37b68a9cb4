package io.sextant.internal.cache;

import io.sextant.InstanceSet;
import io.sextant.InstanceSetChange;
import io.sextant.InstanceUpdate;
import io.sextant.ServiceInstance;

import java.util.ArrayList;
import java.util.List;

/** Computes the change between two sets by merging their id-sorted arrays. */
final class SetDiff {
    private SetDiff() {
    }

    static InstanceSetChange between(InstanceSet previous, InstanceSet current) {
        List<ServiceInstance> added = new ArrayList<>();
        List<ServiceInstance> removed = new ArrayList<>();
        List<InstanceUpdate> updated = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < previous.size() || j < current.size()) {
            if (j == current.size()) {
                removed.add(previous.get(i++));
            } else if (i == previous.size()) {
                added.add(current.get(j++));
            } else {
                ServiceInstance a = previous.get(i);
                ServiceInstance b = current.get(j);
                int c = a.id().compareTo(b.id());
                if (c < 0) {
                    removed.add(a);
                    i++;
                } else if (c > 0) {
                    added.add(b);
                    j++;
                } else {
                    if (!a.equals(b)) {
                        updated.add(new InstanceUpdate(a, b));
                    }
                    i++;
                    j++;
                }
            }
        }
        return new InstanceSetChange(previous, current, added, removed, updated);
    }
}
