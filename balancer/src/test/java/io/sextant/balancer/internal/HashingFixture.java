package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps a fixed batch of keys through pickers and compares the mappings. */
final class HashingFixture {
    private HashingFixture() {
    }

    static PickContext[] keys(int count, long seed) {
        PickContext[] keys = new PickContext[count];
        var r = Fixtures.keys(seed);
        for (int i = 0; i < count; i++) {
            keys[i] = PickContext.ofKey("user-" + Long.toHexString(r.nextLong()));
        }
        return keys;
    }

    static String[] map(Strategy strategy, List<ServiceInstance> instances, PickContext[] keys) {
        Picker p = strategy.newPicker(Fixtures.candidates(instances));
        String[] out = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = p.pick(keys[i]).id();
        }
        return out;
    }

    static double movedShare(String[] before, String[] after) {
        int moved = 0;
        for (int i = 0; i < before.length; i++) {
            if (!before[i].equals(after[i])) {
                moved++;
            }
        }
        return (double) moved / before.length;
    }

    /** Largest count over the average count, over all {@code n} instances. */
    static double maxOverAverage(String[] mapping, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (String id : mapping) {
            counts.merge(id, 1, Integer::sum);
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return max / ((double) mapping.length / n);
    }

    static List<ServiceInstance> plus(List<ServiceInstance> base, ServiceInstance extra) {
        List<ServiceInstance> out = new ArrayList<>(base);
        out.add(extra);
        return out;
    }

    static List<ServiceInstance> minus(List<ServiceInstance> base, int index) {
        List<ServiceInstance> out = new ArrayList<>(base);
        out.remove(index);
        return out;
    }
}
