package io.sextant.balancer.internal;

import io.sextant.InstanceSet;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Zone-aware preference with spill-over (in the spirit of Envoy's zone-aware routing): a call from
 * zone z goes to a random candidate in z while z's healthy share (its candidates / all its listed
 * instances) is at least the threshold; below it, or when z has no instance or the caller gave no
 * zone, the call goes to a random candidate of any zone. Zone groups and their spill decision are
 * computed per snapshot, so a pick is one map lookup and one random draw.
 */
final class ZoneAwareStrategy implements Strategy {
    private final RandomGenerator random;
    private final double threshold;

    ZoneAwareStrategy(RandomGenerator random, double threshold) {
        this.random = random;
        this.threshold = threshold;
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        ServiceInstance[] all = Pickers.instances(candidates);
        Map<String, Integer> listed = new HashMap<>();
        InstanceSet set = candidates.set();
        for (int i = 0; i < set.size(); i++) {
            listed.merge(set.get(i).zone(), 1, Integer::sum);
        }
        Map<String, List<ServiceInstance>> healthy = new HashMap<>();
        for (ServiceInstance s : all) {
            healthy.computeIfAbsent(s.zone(), z -> new ArrayList<>()).add(s);
        }
        Map<String, ServiceInstance[]> local = new HashMap<>();
        for (Map.Entry<String, List<ServiceInstance>> e : healthy.entrySet()) {
            double share = (double) e.getValue().size() / listed.get(e.getKey());
            local.put(e.getKey(), share >= threshold ? e.getValue().toArray(new ServiceInstance[0]) : all);
        }
        RandomGenerator r = random;
        return new Picker() {
            @Override
            public ServiceInstance pick(PickContext context) {
                ServiceInstance[] group = local.get(context.zone());
                ServiceInstance[] from = group == null ? all : group;
                return from[r.nextInt(from.length)];
            }
        };
    }
}
