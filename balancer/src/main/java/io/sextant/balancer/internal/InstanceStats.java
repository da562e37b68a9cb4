package io.sextant.balancer.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sextant.balancer.spi.InstanceLoad;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Everything the balancer learns about one instance id: in-flight count, peak-EWMA latency (as in
 * Finagle's PeakEwma: a slower sample replaces the estimate at once, faster ones blend in with
 * weight e^(-Δt/τ)), a decaying failure count and the circuit breaker. Outlives snapshots.
 */
final class InstanceStats implements InstanceLoad {
    final String id;
    final CircuitBreaker breaker;
    private final StatsTable table;
    private final long firstSeenNanos;
    private static final AtomicIntegerFieldUpdater<InstanceStats> IN_FLIGHT =
            AtomicIntegerFieldUpdater.newUpdater(InstanceStats.class, "inFlight");

    private static final AtomicIntegerFieldUpdater<InstanceStats> CANCELLED =
            AtomicIntegerFieldUpdater.newUpdater(InstanceStats.class, "cancelled");

    private volatile int inFlight; // a field, not an AtomicInteger: one pointer less on the pick path
    private volatile int cancelled;

    // Written under "this", read without a lock: a reader may pair a new value with an old stamp,
    // which only shifts the decay slightly.
    private volatile double latency;
    private volatile long latencyStamp;
    private volatile double failures;
    private volatile long failureStamp;
    volatile long lastSeenNanos;

    InstanceStats(String id, CircuitBreaker breaker, StatsTable table, long firstSeenNanos) {
        this.id = id;
        this.breaker = breaker;
        this.table = table;
        this.firstSeenNanos = firstSeenNanos;
        this.lastSeenNanos = firstSeenNanos;
    }

    void started(long now) {
        IN_FLIGHT.incrementAndGet(this);
        table.started(now);
    }

    void finished(long now, long latencyNanos, Throwable error) {
        IN_FLIGHT.decrementAndGet(this);
        long observed = error == null ? latencyNanos : Math.max(latencyNanos, table.failurePenaltyNanos());
        observe(now, observed, error != null);
        table.finished(now, observed);
        if (error == null) {
            breaker.onSuccess(latencyNanos, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(latencyNanos, TimeUnit.NANOSECONDS, error);
        }
    }

    /**
     * A started call that was never made or whose outcome is unknown: frees its in-flight slot and
     * gives back the breaker permission it held; no latency sample, no breaker outcome.
     */
    void cancelled(boolean permitted) {
        IN_FLIGHT.decrementAndGet(this);
        CANCELLED.incrementAndGet(this);
        table.cancelled();
        if (permitted) {
            breaker.releasePermission();
        }
    }

    /** Calls cancelled so far. */
    int cancelledCalls() {
        return cancelled;
    }

    /** Whether the breaker lets only its permitted trial calls through. */
    boolean isOnTrial() {
        return breaker.getState() == CircuitBreaker.State.HALF_OPEN;
    }

    private synchronized void observe(long now, long rtt, boolean failed) {
        double tau = table.decayNanos();
        double current = latencyNanos(now);
        long dt = Math.max(0, now - latencyStamp);
        if (rtt > current) {
            latency = rtt;
        } else {
            double w = Math.exp(-dt / tau);
            latency = current * w + rtt * (1 - w);
        }
        latencyStamp = now;
        if (failed) {
            failures = recentFailures(now) + 1;
            failureStamp = now;
        }
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public double latencyNanos(long nowNanos) {
        double l = latency;
        return l == 0 ? 0 : l * Decay.factor((nowNanos - latencyStamp) * table.inverseDecayNanos());
    }

    @Override
    public double recentFailures(long nowNanos) {
        double f = failures;
        return f == 0 ? 0 : f * Decay.factor((nowNanos - failureStamp) * table.inverseDecayNanos());
    }

    @Override
    public long firstSeenNanos() {
        return firstSeenNanos;
    }

    boolean isEjectable() {
        CircuitBreaker.State s = breaker.getState();
        return s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.FORCED_OPEN;
    }

    @Override
    public String toString() {
        return "InstanceStats{" + id + " inFlight=" + inFlight + " cancelled=" + cancelled + " breaker=" + breaker.getState() + "}";
    }
}
