package io.sextant.grpc;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.sextant.balancer.BalancerOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link CallLoad} of every instance one {@code sextant} policy instance balances over, keyed by
 * instance id, with the balancer-wide figures {@link io.sextant.balancer.spi.Candidates} exposes.
 *
 * <p>Breakers have no event consumer: with one, Resilience4j builds an event (and reads the wall
 * clock) for every recorded call, which cost about a microsecond per RPC. Instead the RPC that
 * records an outcome compares the state before and after, and an OPEN breaker is moved to HALF_OPEN
 * by a task on the channel's timer after its wait duration (an ejected instance gets no calls that
 * could do it).
 */
final class LoadTable {
    private static final Logger log = LoggerFactory.getLogger(LoadTable.class);
    private final String name;
    private final ConcurrentHashMap<String, CallLoad> byId = new ConcurrentHashMap<>();
    private final CircuitBreakerConfig breakerConfig;
    private final Runnable onBreakerChange;
    private final ScheduledExecutorService timer;
    private final long openMillis;
    private final double inverseDecayNanos;
    private final long failurePenaltyNanos;
    private final AtomicInteger totalInFlight = new AtomicInteger();
    private volatile long recentNanos;
    private volatile double typicalLatency;

    LoadTable(String name, BalancerOptions options, Runnable onBreakerChange, ScheduledExecutorService timer) {
        this.name = name;
        this.breakerConfig = CircuitBreakerConfig.from(options.circuitBreakerConfig())
                .automaticTransitionFromOpenToHalfOpenEnabled(false).build();
        this.openMillis = Math.max(1, breakerConfig.getWaitIntervalFunctionInOpenState().apply(1));
        this.onBreakerChange = onBreakerChange;
        this.timer = timer;
        this.inverseDecayNanos = 1.0 / options.loadDecay().toNanos();
        this.failurePenaltyNanos = options.failurePenalty().toNanos();
        this.recentNanos = options.ticker().getAsLong();
    }

    /** The load of {@code id}, created with a closed breaker on first sight. */
    CallLoad obtain(String id) {
        CallLoad l = byId.get(id);
        return l != null ? l : byId.computeIfAbsent(id, k -> new CallLoad(k, CircuitBreaker.of(name + "/" + k,
                breakerConfig), this));
    }

    /** Called by the RPC whose outcome changed {@code load}'s breaker state. */
    void breakerChanged(CallLoad load, CircuitBreaker.State now) {
        log.debug("breaker of {} is now {}", load.id, now);
        onBreakerChange.run();
        if (now == CircuitBreaker.State.OPEN) {
            try {
                timer.schedule(() -> halfOpen(load), openMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                log.debug("channel timer stopped; breaker of {} stays OPEN", load.id);
            }
        }
    }

    private void halfOpen(CallLoad load) {
        try {
            if (load.breaker.getState() == CircuitBreaker.State.OPEN && byId.get(load.id) == load) {
                load.breaker.transitionToHalfOpenState();
                onBreakerChange.run();
            }
        } catch (RuntimeException e) { // a concurrent transition won: nothing to do
            log.debug("breaker of {} not moved to HALF_OPEN", load.id, e);
        }
    }

    CallLoad get(String id) {
        return byId.get(id);
    }

    /** Forgets ids no longer resolved that have no call in flight. */
    void retain(Set<String> ids) {
        byId.values().removeIf(l -> !ids.contains(l.id) && l.inFlight() == 0);
    }

    void started(long now) {
        totalInFlight.incrementAndGet();
        recentNanos = now;
    }

    void finished(long now, long observedNanos) {
        totalInFlight.decrementAndGet();
        recentNanos = now;
        if (observedNanos >= 0) {
            // A racy blend is fine: it is only a prior for instances without samples.
            double t = typicalLatency;
            typicalLatency = t == 0 ? observedNanos : t * 0.9 + observedNanos * 0.1;
        }
    }

    int totalInFlight() {
        return totalInFlight.get();
    }

    long recentNanos() {
        return recentNanos;
    }

    double typicalLatencyNanos() {
        return typicalLatency;
    }

    double inverseDecayNanos() {
        return inverseDecayNanos;
    }

    long failurePenaltyNanos() {
        return failurePenaltyNanos;
    }
}
