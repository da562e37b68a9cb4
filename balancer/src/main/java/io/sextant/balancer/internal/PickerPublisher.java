package io.sextant.balancer.internal;

import io.sextant.InstanceSet;
import io.sextant.InstanceSetChange;
import io.sextant.ServiceCache;
import io.sextant.ServiceCacheListener;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a balancer's pickers off the request path and publishes each with one volatile write, as
 * gRPC's load balancers do: a new snapshot from the cache (its listener), a breaker change or a
 * pick that notices a snapshot newer than its picker only <em>requests</em> a build, on the rebuild
 * executor. Requests coalesce: at most one build runs or is queued per balancer, and a build always
 * starts from the newest snapshot and breaker states, so a burst of snapshots costs one build.
 * Meanwhile picks use the last published picker. Only a pick with no picker at all (nothing to
 * serve) builds on its own thread, since waiting beats failing.
 */
final class PickerPublisher implements ServiceCacheListener {
    private static final Logger log = LoggerFactory.getLogger(PickerPublisher.class);
    private static final int IDLE = 0;
    private static final int QUEUED = 1;  // handed to the executor, not started: it will see what is newest
    private static final int RUNNING = 2; // building
    private static final int AGAIN = 3;   // building, and requested again since the build started

    private final ServiceCache cache;
    private final String strategyName;
    private final Strategy strategy;
    private final StatsTable stats;
    private final BalancerOptions options;
    private final Executor executor;
    private final AtomicInteger rebuild = new AtomicInteger(IDLE);
    private final Object buildLock = new Object();
    private volatile BalancerState state;
    private boolean seenInstances; // guarded by buildLock

    PickerPublisher(ServiceCache cache, String strategyName, Strategy strategy, StatsTable stats, BalancerOptions options) {
        this.cache = cache;
        this.strategyName = strategyName;
        this.strategy = strategy;
        this.stats = stats;
        this.options = options;
        this.executor = options.rebuildExecutor();
        build();
    }

    /** Attaches to the cache; a set published since the first build is requested. */
    void start() {
        cache.addListener(this);
        if (state.source() != cache.snapshot()) {
            request();
        }
    }

    void stop() {
        cache.removeListener(this);
    }

    @Override
    public void onChange(InstanceSetChange change) {
        request();
    }

    /**
     * The state to pick from, given the cache's current snapshot: the published one, even when
     * older than {@code snapshot} (then a build is requested, in case the listener has not run or
     * the balancer is closed), unless it has no picker at all.
     */
    BalancerState current(InstanceSet snapshot) {
        BalancerState s = state;
        if (s.source() == snapshot) {
            return s;
        }
        if (s.picker() == null) {
            return buildNow(snapshot);
        }
        if (rebuild.get() == IDLE) {
            request();
            return state; // a direct executor has built it already
        }
        return s;
    }

    /** The last published state, whatever snapshot it came from. */
    BalancerState published() {
        return state;
    }

    /** Asks for a build of the newest snapshot and breaker states; returns at once. */
    void request() {
        for (;;) {
            int r = rebuild.get();
            if (r == QUEUED || r == AGAIN || (r == RUNNING && rebuild.compareAndSet(RUNNING, AGAIN))) {
                return;
            }
            if (r == IDLE && rebuild.compareAndSet(IDLE, QUEUED)) {
                break;
            }
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            rebuild.set(IDLE); // the next request (a cache event, or a pick noticing the snapshot) tries again
            log.warn("Balancer for '{}': the rebuild executor refused a build; picks keep the previous picker",
                    cache.service());
        }
    }

    private void drain() {
        rebuild.set(RUNNING); // from QUEUED: only this task moves it on
        for (;;) {
            try {
                build();
            } catch (RuntimeException e) {
                log.warn("Balancer for '{}' failed to rebuild its picker", cache.service(), e);
            }
            if (rebuild.compareAndSet(RUNNING, IDLE)) {
                return;
            }
            rebuild.set(RUNNING); // was AGAIN: build once more, from what is newest now
        }
    }

    private BalancerState buildNow(InstanceSet snapshot) {
        synchronized (buildLock) {
            BalancerState s = state;
            return s.source() == snapshot ? s : build();
        }
    }

    private BalancerState build() {
        synchronized (buildLock) {
            InstanceSet snap = cache.snapshot();
            BalancerState old = state;
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
}
