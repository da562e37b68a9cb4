package io.sextant.grpc;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.sextant.BalancerOptions;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link CallLoad} of every instance one {@code sextant} policy instance balances over, keyed by
 * instance id, with the balancer-wide figures {@link io.sextant.spi.Candidates} exposes.
 */
final class LoadTable {
    private final String name;
    private final ConcurrentHashMap<String, CallLoad> byId = new ConcurrentHashMap<>();
    private final CircuitBreakerConfig breakerConfig;
    private final Runnable onBreakerChange;
    private final double inverseDecayNanos;
    private final long failurePenaltyNanos;
    private final AtomicInteger totalInFlight = new AtomicInteger();
    private volatile long recentNanos;
    private volatile double typicalLatency;

    LoadTable(String name, BalancerOptions options, Runnable onBreakerChange) {
        this.name = name;
        // An ejected instance gets no calls, so nothing else would ever move its breaker out of OPEN.
        this.breakerConfig = CircuitBreakerConfig.from(options.circuitBreakerConfig())
                .automaticTransitionFromOpenToHalfOpenEnabled(true).build();
        this.onBreakerChange = onBreakerChange;
        this.inverseDecayNanos = 1.0 / options.loadDecay().toNanos();
        this.failurePenaltyNanos = options.failurePenalty().toNanos();
        this.recentNanos = options.ticker().getAsLong();
    }

    /** The load of {@code id}, created with a closed breaker on first sight. */
    CallLoad obtain(String id) {
        CallLoad l = byId.get(id);
        return l != null ? l : byId.computeIfAbsent(id, k -> {
            CircuitBreaker b = CircuitBreaker.of(name + "/" + k, breakerConfig);
            b.getEventPublisher().onStateTransition(e -> onBreakerChange.run());
            return new CallLoad(k, b, this);
        });
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
