package io.sextant.balancer.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.sextant.balancer.BalancerOptions;
import io.sextant.InstanceSet;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-instance state keyed by instance id, shared by every picker of one balancer. An id's state
 * is kept while the id is in the snapshot and for {@link #RETENTION} after it leaves, so an
 * instance that flaps keeps its breaker and history.
 */
final class StatsTable {
    static final Duration RETENTION = Duration.ofMinutes(5);

    private final String service;
    private final ConcurrentHashMap<String, InstanceStats> byId = new ConcurrentHashMap<>();
    private final CircuitBreakerConfig breakerConfig;
    private final Runnable onBreakerChange;
    private final double decayNanos;
    private final double inverseDecayNanos;
    private final long failurePenaltyNanos;
    private final AtomicInteger totalInFlight = new AtomicInteger();
    private volatile long recentNanos;
    private volatile double typicalLatency;
    private InstanceSet previous; // the set of the latest retain; touched by one rebuild at a time

    StatsTable(String service, BalancerOptions options, Runnable onBreakerChange) {
        this.service = service;
        // An ejected instance gets no calls, so nothing would ever move its breaker out of OPEN.
        this.breakerConfig = CircuitBreakerConfig.from(options.circuitBreakerConfig())
                .automaticTransitionFromOpenToHalfOpenEnabled(true).build();
        this.onBreakerChange = onBreakerChange;
        this.decayNanos = options.loadDecay().toNanos();
        this.inverseDecayNanos = 1.0 / decayNanos;
        this.failurePenaltyNanos = options.failurePenalty().toNanos();
        this.recentNanos = options.ticker().getAsLong();
        this.previous = InstanceSet.empty(service);
    }

    /** The state of {@code id}, created on first sight; {@code warm} back-dates it past any slow start. */
    InstanceStats obtain(String id, long now, boolean warm) {
        InstanceStats s = byId.get(id);
        if (s != null) {
            return s;
        }
        return byId.computeIfAbsent(id, k -> {
            CircuitBreaker b = CircuitBreaker.of(service + "/" + k, breakerConfig);
            b.getEventPublisher().onStateTransition(e -> onBreakerChange.run());
            InstanceStats created = new InstanceStats(k, b, this, warm ? Long.MIN_VALUE : now);
            created.lastSeenNanos = now; // never the back-dated first sighting: it would overflow the cutoff
            return created;
        });
    }

    InstanceStats get(String id) {
        return byId.get(id);
    }

    /**
     * Marks the ids of {@code set}, and of the previous set (present until now), as seen now and
     * forgets ids gone for longer than the retention. Called by one rebuild at a time.
     */
    void retain(InstanceSet set, long now) {
        stamp(previous, now);
        stamp(set, now);
        previous = set;
        long cutoff = now - RETENTION.toNanos();
        byId.values().removeIf(s -> s.lastSeenNanos - cutoff < 0 && set.byId(s.id) == null && s.inFlight() == 0);
    }

    private void stamp(InstanceSet set, long now) {
        for (int i = 0; i < set.size(); i++) {
            InstanceStats s = byId.get(set.get(i).id());
            if (s != null) {
                s.lastSeenNanos = now;
            }
        }
    }

    void started(long now) {
        totalInFlight.incrementAndGet();
        recentNanos = now;
    }

    void finished(long now, long observedNanos) {
        totalInFlight.decrementAndGet();
        recentNanos = now;
        // A racy blend is fine: this is only a prior for instances without samples.
        double t = typicalLatency;
        typicalLatency = t == 0 ? observedNanos : t * 0.9 + observedNanos * 0.1;
    }

    void cancelled() {
        totalInFlight.decrementAndGet();
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

    double decayNanos() {
        return decayNanos;
    }

    double inverseDecayNanos() {
        return inverseDecayNanos;
    }

    long failurePenaltyNanos() {
        return failurePenaltyNanos;
    }
}
