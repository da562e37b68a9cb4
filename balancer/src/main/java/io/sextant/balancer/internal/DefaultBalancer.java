package io.sextant.balancer.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.InstanceCall;
import io.sextant.InstanceSet;
import io.sextant.InstanceSetChange;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceCache;
import io.sextant.ServiceCacheListener;
import io.sextant.ServiceInstance;
import io.sextant.balancer.TrackedPick;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The balancer: holds one volatile {@link BalancerState} and rebuilds it when the cache publishes a
 * new set (listener, with an identity check on pick as a fallback) or a breaker changes state
 * (on the rebuild executor). Rebuilds are serialized and always start from the latest snapshot and
 * breaker states, so they converge whatever order they run in.
 */
final class DefaultBalancer implements Balancer, ServiceCacheListener {
    private static final Logger log = LoggerFactory.getLogger(DefaultBalancer.class);

    private final ServiceCache cache;
    private final String strategyName;
    private final Strategy strategy;
    private final BalancerOptions options;
    private final StatsTable stats;
    private final RetryingCaller retrying;
    private final Object lock = new Object();
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile BalancerState state;
    private boolean seenInstances; // guarded by lock

    DefaultBalancer(ServiceCache cache, String strategyName, Strategy strategy, BalancerOptions options) {
        this.cache = cache;
        this.strategyName = strategyName;
        this.strategy = strategy;
        this.options = options;
        this.stats = new StatsTable(cache.service(), options, this::requestRebuild);
        this.retrying = new RetryingCaller(this, options);
        rebuild(true);
        cache.addListener(this);
        rebuild(false); // a set published between the first build and the listener
    }

    @Override
    public void onChange(InstanceSetChange change) {
        rebuild(false);
    }

    private BalancerState current() {
        BalancerState s = state;
        return s.source() == cache.snapshot() ? s : rebuild(false);
    }

    private BalancerState rebuild(boolean force) {
        synchronized (lock) {
            InstanceSet snap = cache.snapshot();
            BalancerState old = state;
            if (!force && old != null && old.source() == snap) {
                return old;
            }
            long now = options.ticker().getAsLong();
            boolean warm = !seenInstances;
            seenInstances |= !snap.isEmpty();
            stats.retain(snap, now);
            EligibleCandidates c = EligibleCandidates.select(snap, stats, options.maxEjectionShare(), now, warm);
            Picker picker = c.size() == 0 ? null : newPicker(c);
            boolean wasPanic = old != null && old.candidates().panic();
            if (c.panic() && !wasPanic) {
                log.warn("Balancer for '{}' in panic mode: too many open breakers, ignoring ejection", snap.service());
            } else if (!c.panic() && wasPanic) {
                log.info("Balancer for '{}' left panic mode", snap.service());
            }
            BalancerState s = new BalancerState(snap, c, picker);
            state = s;
            log.debug("Balancer for '{}' rebuilt: {}", snap.service(), c);
            return s;
        }
    }

    /**
     * The strategy's picker, or a uniform random one over the same candidates when the strategy
     * fails: picks then still throw only {@link NoInstanceAvailableException} and keep to eligible
     * instances, and the failed build is retried at the next change, not on every pick.
     */
    private Picker newPicker(EligibleCandidates c) {
        try {
            Picker p = strategy.newPicker(c);
            if (p != null) {
                return p;
            }
            log.warn("Balancer for '{}': strategy '{}' built no picker, picking at random until the next change",
                    cache.service(), strategyName);
        } catch (RuntimeException e) {
            log.warn("Balancer for '{}': strategy '{}' failed to build a picker, picking at random until the next change",
                    cache.service(), strategyName, e);
        }
        return new RandomStrategy(options.random()).newPicker(c);
    }

    private void requestRebuild() {
        if (!rebuildQueued.compareAndSet(false, true)) {
            return;
        }
        Runnable task = () -> {
            rebuildQueued.set(false);
            try {
                rebuild(true);
            } catch (RuntimeException e) {
                log.warn("Balancer for '{}' failed to rebuild its picker", cache.service(), e);
            }
        };
        try {
            options.rebuildExecutor().execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
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
            cache.removeListener(this);
        }
    }

    @Override
    public String toString() {
        return "Balancer{" + cache.service() + " " + strategyName + " " + state.candidates() + "}";
    }
}
