package io.sextant.balancer;

import io.sextant.ServiceInstance;

import java.time.Duration;

/**
 * One picked instance whose call is being tracked: it counts as in flight from the pick until
 * exactly one of {@link #success()}, {@link #success(Duration)}, {@link #failure(Throwable)} or
 * {@link #close()} is called. An outcome feeds the instance's in-flight count, latency estimate and
 * circuit breaker; a close without an outcome counts the call as cancelled.
 *
 * <p>Thread-safe; only the first of these counts, later calls are ignored. A tracked pick that is
 * never finished keeps its instance's in-flight count raised (and, for an instance on trial, one of
 * its breaker's trial slots taken), so use it in try-with-resources:
 *
 * <pre>{@code
 * TrackedPick t = balancer.start(ctx);
 * try (t) {
 *     Reply r = client.call(t.instance());
 *     t.success();
 *     return r;
 * } catch (IOException e) {
 *     t.failure(e);
 *     throw e;
 * } // any other way out: cancelled
 * }</pre>
 */
public interface TrackedPick extends AutoCloseable {

    /** The picked instance. */
    ServiceInstance instance();

    /** The call succeeded; its latency is the time since the pick by the balancer's ticker. */
    void success();

    /** The call succeeded after {@code latency}. */
    void success(Duration latency);

    /** The call failed with {@code error}; counted as at least as slow as the failure penalty. */
    void failure(Throwable error);

    /**
     * Ends tracking. When no outcome was given, the call counts as cancelled, not failed: its
     * in-flight slot is freed, a breaker permission it held (a HALF_OPEN breaker's trial slot) is
     * given back, and neither the latency estimate nor the breaker records anything. No-op after
     * an outcome. Does not throw.
     */
    @Override
    void close();
}
