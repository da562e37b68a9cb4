package io.sextant.balancer;

import io.sextant.ServiceInstance;

import java.time.Duration;

/**
 * One picked instance whose call is being tracked: it counts as in flight from the pick until
 * exactly one of {@link #success()}, {@link #success(Duration)} or {@link #failure(Throwable)} is
 * called. The outcome feeds the instance's in-flight count, latency estimate and circuit breaker.
 *
 * <p>Thread-safe; only the first outcome counts, later calls are ignored. A tracked pick that is
 * never finished keeps its instance's in-flight count raised, so finish it in a {@code finally}.
 */
public interface TrackedPick {

    /** The picked instance. */
    ServiceInstance instance();

    /** The call succeeded; its latency is the time since the pick by the balancer's ticker. */
    void success();

    /** The call succeeded after {@code latency}. */
    void success(Duration latency);

    /** The call failed with {@code error}; counted as at least as slow as the failure penalty. */
    void failure(Throwable error);
}
