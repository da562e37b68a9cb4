package io.sextant.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pick counter per instance id. A pick looks its counter up without allocating; an id that left
 * the snapshot loses its counter at the next gauge read (its series ends, as Prometheus expects).
 */
final class PickCounters {
    private final MeterRegistry meters;
    private final Tags tags;
    private final Map<String, Counter> byId = new ConcurrentHashMap<>();
    private volatile boolean closed;

    PickCounters(MeterRegistry meters, Tags tags) {
        this.meters = meters;
        this.tags = tags;
    }

    void count(ServiceInstance instance) {
        Counter c = byId.get(instance.id());
        if (c == null) {
            if (closed) {
                return;
            }
            c = byId.computeIfAbsent(instance.id(), id -> Counter.builder(MeterNames.BALANCER_PICKS).tags(tags)
                    .tag(MeterNames.TAG_INSTANCE, id).description("picks of each instance (opt-in)").register(meters));
        }
        c.increment();
    }

    void retain(InstanceSet set) {
        byId.entrySet().removeIf(e -> {
            if (set.byId(e.getKey()) != null) {
                return false;
            }
            meters.remove(e.getValue());
            return true;
        });
    }

    void close() {
        closed = true;
        byId.values().forEach(meters::remove);
        byId.clear();
    }
}
