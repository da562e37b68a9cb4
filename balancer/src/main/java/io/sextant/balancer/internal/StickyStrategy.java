package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Sticky sessions: the first call with a key goes to a random candidate, and later calls with the
 * key return to the same instance for as long as it stays a candidate (present, UP, breaker not
 * open); then the key moves to a new random instance and sticks there. The key → instance table is
 * the strategy's, so it survives snapshot changes; it holds at most {@link #MAX_KEYS} keys and is
 * cleared when full. Calls without a key go to a random candidate.
 */
final class StickyStrategy implements Strategy {
    static final int MAX_KEYS = 100_000;

    private final RandomGenerator random;
    private final ConcurrentHashMap<String, String> assigned = new ConcurrentHashMap<>();

    StickyStrategy(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        ServiceInstance[] all = Pickers.instances(candidates);
        Map<String, ServiceInstance> byId = new HashMap<>();
        for (ServiceInstance s : all) {
            byId.put(s.id(), s);
        }
        assigned.values().removeIf(id -> !byId.containsKey(id));
        RandomGenerator r = random;
        return new Picker() {
            @Override
            public ServiceInstance pick(PickContext context) {
                if (!context.hasKey()) {
                    return all[r.nextInt(all.length)];
                }
                String key = context.key();
                String id = assigned.get(key);
                ServiceInstance held = id == null ? null : byId.get(id);
                if (held != null) {
                    return held;
                }
                ServiceInstance fresh = all[r.nextInt(all.length)];
                if (assigned.size() >= MAX_KEYS) {
                    assigned.clear();
                }
                String winner = assigned.compute(key,
                        (k, old) -> old != null && byId.containsKey(old) ? old : fresh.id());
                return byId.get(winner);
            }
        };
    }
}
