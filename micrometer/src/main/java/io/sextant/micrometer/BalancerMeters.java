package io.sextant.micrometer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sextant.InstanceSet;
import io.sextant.ServiceCache;
import io.sextant.balancer.Balancer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The meters of one bound balancer and the decorator that moves the call-path ones. */
final class BalancerMeters {
    private final Balancer balancer;
    private final ServiceCache cache;
    private final MeterRegistry meters;
    private final List<Meter> own = new CopyOnWriteArrayList<>();
    private final BreakerWatcher breakers;
    private final PickCounters picks;
    private final MeasuredBalancer measured;

    BalancerMeters(Balancer balancer, ServiceCache cache, MeterRegistry meters, Tags tags, boolean picksPerInstance) {
        this.balancer = balancer;
        this.cache = cache;
        this.meters = meters;
        this.breakers = new BreakerWatcher(balancer, meters, tags);
        this.picks = picksPerInstance ? new PickCounters(meters, tags) : null;
        own.add(Gauge.builder(MeterNames.BALANCER_EJECTED, this, BalancerMeters::ejected).tags(tags)
                .description("instances whose circuit breaker is open (ejected from picks unless in panic mode)")
                .strongReference(true).register(meters));
        own.add(Gauge.builder(MeterNames.BALANCER_PANIC, balancer, b -> b.isPanicking() ? 1 : 0).tags(tags)
                .description("1 while too many breakers are open and ejection is ignored, else 0")
                .strongReference(true).register(meters));
        Counter retries = Counter.builder(MeterNames.BALANCER_RETRIES).tags(tags)
                .description("attempts of execute after the first, each on another instance").register(meters);
        own.add(retries);
        this.measured = new MeasuredBalancer(balancer, picks, breakers, retries);
        scan();
    }

    /** Counts open breakers of the current instances; subscribes to breakers seen for the first time. */
    private double ejected() {
        InstanceSet set = scan();
        int open = 0;
        for (int i = 0; i < set.size(); i++) {
            CircuitBreaker b = balancer.circuitBreaker(set.get(i).id()).orElse(null);
            if (b != null && (b.getState() == CircuitBreaker.State.OPEN
                    || b.getState() == CircuitBreaker.State.FORCED_OPEN)) {
                open++;
            }
        }
        return open;
    }

    private InstanceSet scan() {
        InstanceSet set = cache.snapshot();
        breakers.scan(set);
        if (picks != null) {
            picks.retain(set);
        }
        return set;
    }

    MeasuredBalancer measured() {
        return measured;
    }

    void close() {
        own.forEach(meters::remove);
        breakers.close();
        if (picks != null) {
            picks.close();
        }
    }
}
