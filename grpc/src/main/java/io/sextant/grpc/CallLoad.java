package io.sextant.grpc;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sextant.balancer.spi.InstanceLoad;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the RPCs themselves tell about one instance: streams open now, a peak-EWMA latency (a slower
 * sample replaces the estimate, faster ones blend in with weight e^(-Δt/τ)), a decaying failure count
 * and the instance's circuit breaker. Kept by instance id in a {@link LoadTable}, so it outlives
 * subchannels and pickers.
 */
final class CallLoad implements InstanceLoad {
    final String id;
    final CircuitBreaker breaker;
    private final LoadTable table;
    private final AtomicInteger inFlight = new AtomicInteger();

    // Written under "this", read without a lock: a reader may pair a new value with an old stamp,
    // which only shifts the decay a little.
    private volatile double latency;
    private volatile long latencyStamp;
    private volatile double failures;
    private volatile long failureStamp;

    CallLoad(String id, CircuitBreaker breaker, LoadTable table) {
        this.id = id;
        this.breaker = breaker;
        this.table = table;
    }

    void started(long now) {
        inFlight.incrementAndGet();
        table.started(now);
    }

    /**
     * One stream ended after {@code latencyNanos}: {@code failed} feeds the breaker an error,
     * {@code neutral} (cancelled by the caller) feeds it nothing and records no latency.
     */
    void finished(long now, long latencyNanos, boolean failed, boolean neutral, Throwable error) {
        inFlight.decrementAndGet();
        if (neutral) {
            table.finished(now, -1);
            return;
        }
        long observed = failed ? Math.max(latencyNanos, table.failurePenaltyNanos()) : latencyNanos;
        observe(now, observed, failed);
        table.finished(now, observed);
        CircuitBreaker.State before = breaker.getState();
        if (failed) {
            breaker.onError(latencyNanos, TimeUnit.NANOSECONDS, error);
        } else {
            breaker.onSuccess(latencyNanos, TimeUnit.NANOSECONDS);
        }
        CircuitBreaker.State after = breaker.getState();
        if (after != before) {
            table.breakerChanged(this, after);
        }
    }

    private synchronized void observe(long now, long rtt, boolean failed) {
        double current = latencyNanos(now);
        if (rtt > current) {
            latency = rtt;
        } else {
            double w = Math.exp(-Math.max(0, now - latencyStamp) * table.inverseDecayNanos());
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
        return inFlight.get();
    }

    @Override
    public double latencyNanos(long nowNanos) {
        double l = latency;
        return l == 0 ? 0 : l * decay(nowNanos - latencyStamp);
    }

    @Override
    public double recentFailures(long nowNanos) {
        double f = failures;
        return f == 0 ? 0 : f * decay(nowNanos - failureStamp);
    }

    private double decay(long age) {
        return age <= 0 ? 1.0 : Math.exp(-age * table.inverseDecayNanos());
    }

    @Override
    public long firstSeenNanos() {
        return Long.MIN_VALUE; // no slow start under gRPC: a subchannel is only picked once READY
    }

    boolean isEjectable() {
        CircuitBreaker.State s = breaker.getState();
        return s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.FORCED_OPEN;
    }

    @Override
    public String toString() {
        return "CallLoad{" + id + " inFlight=" + inFlight + " breaker=" + breaker.getState() + "}";
    }
}
