package io.sextant.balancer.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.InstanceCall;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.balancer.TrackedPick;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The balancer: picks from the state its {@link PickerPublisher} publishes, never waiting for a
 * build; a breaker change requests a build.
 */
final class DefaultBalancer implements Balancer {
    private final ServiceCache cache;
    private final String strategyName;
    private final BalancerOptions options;
    private final StatsTable stats;
    private final RetryingCaller retrying;
    private final PickerPublisher publisher;
    private final AtomicBoolean closed = new AtomicBoolean();

    DefaultBalancer(ServiceCache cache, String strategyName, Strategy strategy, BalancerOptions options) {
        this.cache = cache;
        this.strategyName = strategyName;
        this.options = options;
        this.stats = new StatsTable(cache.service(), options, this::onBreakerChange);
        this.retrying = new RetryingCaller(this, options);
        this.publisher = new PickerPublisher(cache, strategyName, strategy, stats, options);
        publisher.start();
    }

    private void onBreakerChange() {
        PickerPublisher p = publisher;
        if (p != null) { // a breaker cannot change state before construction ends; be safe anyway
            p.request();
        }
    }

    private BalancerState current() {
        return publisher.current(cache.snapshot());
    }

    @Override
    public String service() {
        return cache.service();
    }

    @Override
    public String strategyName() {
        return strategyName;
    }

    @Override
    public ServiceInstance pick(PickContext context) {
        BalancerState s = current();
        Picker p = s.picker();
        if (p == null) {
            throw new NoInstanceAvailableException(s.source().service(), s.source().size());
        }
        return p.pick(context);
    }

    @Override
    public TrackedPick start(PickContext context) {
        return track(pick(context));
    }

    TrackedPick track(ServiceInstance instance) {
        InstanceStats s = stats.obtain(instance.id(), options.ticker().getAsLong(), false);
        return new DefaultTrackedPick(instance, s, options.ticker());
    }

    /** A pick avoiding the ids in {@code tried} when any other candidate exists (retries). */
    ServiceInstance pickExcluding(PickContext context, Set<String> tried) {
        BalancerState s = current();
        Picker p = s.picker();
        if (p == null) {
            throw new NoInstanceAvailableException(s.source().service(), s.source().size());
        }
        ServiceInstance first = p.pick(context);
        if (!tried.contains(first.id())) {
            return first;
        }
        for (int k = 0; k < 2; k++) {
            ServiceInstance again = p.pick(context);
            if (!tried.contains(again.id())) {
                return again;
            }
        }
        // Deterministic strategies (hashing, sticky) return the same instance: walk from a random spot.
        EligibleCandidates c = s.candidates();
        int n = c.size();
        int from = options.random().nextInt(n);
        for (int i = 0; i < n; i++) {
            ServiceInstance other = c.get((from + i) % n);
            if (!tried.contains(other.id())) {
                return other;
            }
        }
        return first;
    }

    @Override
    public <T, X extends Exception> T execute(PickContext context, InstanceCall<T, X> call) throws X {
        return retrying.execute(context, call);
    }

    @Override
    public Optional<CircuitBreaker> circuitBreaker(String instanceId) {
        InstanceStats s = stats.get(instanceId);
        return s == null ? Optional.empty() : Optional.of(s.breaker);
    }

    @Override
    public boolean isPanicking() {
        return current().candidates().panic();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            publisher.stop();
        }
    }

    @Override
    public String toString() {
        return "Balancer{" + cache.service() + " " + strategyName + " " + publisher.published().candidates() + "}";
    }
}
