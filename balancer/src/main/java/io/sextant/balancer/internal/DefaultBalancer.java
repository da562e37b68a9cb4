package io.sextant.balancer.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sextant.InstanceSet;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.balancer.AsyncInstanceCall;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.InstanceCall;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.StaleCacheException;
import io.sextant.balancer.TrackedPick;
import io.sextant.balancer.spi.Strategy;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The balancer: picks from the state its {@link PickerPublisher} publishes (never waiting for a
 * build), through an {@link InstanceSelector} that honours breakers, and runs calls with retries.
 */
final class DefaultBalancer implements Balancer {
    private final ServiceCache cache;
    private final String strategyName;
    private final StatsTable stats;
    private final PickerPublisher publisher;
    private final InstanceSelector selector;
    private final RetryingCaller retrying;
    private final AsyncRetryingCaller asyncRetrying;
    private final Duration maxStaleness; // null: never refuse
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    DefaultBalancer(ServiceCache cache, String strategyName, Strategy strategy, BalancerOptions options) {
        this.cache = cache;
        this.strategyName = strategyName;
        this.stats = new StatsTable(cache.service(), options, this::onBreakerChange);
        this.selector = new InstanceSelector(stats, options);
        RetryPolicy policy = new RetryPolicy(cache.service(), options);
        this.retrying = new RetryingCaller(this, policy);
        this.asyncRetrying = new AsyncRetryingCaller(this, policy, options.retryScheduler());
        this.maxStaleness = options.maxStaleness().orElse(null);
        this.clock = options.clock();
        this.publisher = new PickerPublisher(cache, strategyName, strategy, stats, options);
        publisher.start();
    }

    private void onBreakerChange() {
        PickerPublisher p = publisher;
        if (p != null) { // a breaker cannot change state before construction ends; be safe anyway
            p.request();
        }
    }

    /** The state to pick from, after refusing a set stale for too long; throws when nothing is pickable. */
    private BalancerState pickable() {
        InstanceSet snapshot = cache.snapshot();
        if (maxStaleness != null && snapshot.isStale()) {
            refuseIfTooStale(snapshot);
        }
        BalancerState s = publisher.current(snapshot);
        if (s.picker() == null) {
            throw new NoInstanceAvailableException(s.source().service(), s.source().size());
        }
        return s;
    }

    private void refuseIfTooStale(InstanceSet snapshot) {
        Duration age = snapshot.staleness(clock);
        if (age.compareTo(maxStaleness) > 0) {
            throw new StaleCacheException(snapshot.service(), snapshot.staleSince(), age, maxStaleness);
        }
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
        return selector.untracked(pickable(), context);
    }

    @Override
    public TrackedPick start(PickContext context) {
        return startTracked(context, null);
    }

    /** A tracked pick avoiding the ids in {@code tried} (null: none) when another candidate permits a call. */
    DefaultTrackedPick startTracked(PickContext context, Set<String> tried) {
        return selector.tracked(pickable(), context, tried);
    }

    @Override
    public <T, X extends Exception> T execute(PickContext context, InstanceCall<T, X> call) throws X {
        return retrying.execute(context, call);
    }

    @Override
    public <T> CompletionStage<T> executeAsync(PickContext context, AsyncInstanceCall<T> call) {
        try {
            return asyncRetrying.execute(context, call);
        } catch (RuntimeException e) { // a pick refused: reported through the stage, never thrown
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Optional<CircuitBreaker> circuitBreaker(String instanceId) {
        InstanceStats s = stats.get(instanceId);
        return s == null ? Optional.empty() : Optional.of(s.breaker);
    }

    /** Test seam: the live state of an instance id, or null. */
    InstanceStats stats(String instanceId) {
        return stats.get(instanceId);
    }

    @Override
    public boolean isPanicking() {
        return publisher.current(cache.snapshot()).candidates().panic();
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
