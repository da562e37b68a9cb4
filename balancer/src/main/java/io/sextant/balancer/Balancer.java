package io.sextant.balancer;

import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Picks one instance of a service per call, from a {@link ServiceCache}'s current snapshot, with a
 * strategy chosen by name.
 *
 * <p><b>Picks.</b> {@link #pick(PickContext)} is a volatile read plus the strategy's O(1) work and
 * allocates nothing for the built-in O(1) strategies. The picker is built once per snapshot (and
 * per circuit-breaker change) on the {@linkplain BalancerOptions#rebuildExecutor() rebuild
 * executor}, off the pick path, coalesced to the newest snapshot, and published when ready: a pick
 * never waits for a build, it uses the last published picker (only a balancer with no picker at all
 * builds on the picking thread). Instances that are {@code DRAINING} or {@code DOWN}, or have
 * weight 0, are never picked. With {@link BalancerOptions#withMaxStaleness} a pick from a cache
 * stale for longer than that throws {@link StaleCacheException}.
 *
 * <p><b>Feedback.</b> {@link #start(PickContext)} picks and tracks the call: in-flight count,
 * peak-EWMA latency and a Resilience4j {@link CircuitBreaker} per instance, all kept by instance id
 * across snapshot changes. An OPEN breaker ejects its instance from picks, unless more than
 * {@link BalancerOptions#maxEjectionShare()} of the pickable instances would be ejected: then
 * ejection is ignored (panic mode) so the service stays reachable. A tracked pick takes its
 * breaker's permission, so a HALF_OPEN instance gets only the breaker's permitted trial calls
 * (other picks go elsewhere); an untracked {@link #pick} reports no outcome and so avoids HALF_OPEN
 * instances when others exist. When every candidate refuses, calls go on as in panic mode.
 *
 * <p>Thread-safe. Create with {@link #builder(ServiceCache)}; {@link #close()} stops listening to the cache.
 */
public interface Balancer extends AutoCloseable {

    /** Starts a builder for a balancer over {@code cache}. */
    static BalancerBuilder builder(ServiceCache cache) {
        return new BalancerBuilder(cache);
    }

    /** The service balanced over. */
    String service();

    /** The name of the strategy in use. */
    String strategyName();

    /**
     * Picks an instance for a call, without tracking it.
     *
     * @throws NoInstanceAvailableException when no instance can be picked, naming the service
     */
    ServiceInstance pick(PickContext context);

    /**
     * Picks an instance whose circuit breaker permits a call and starts tracking the call; finish it
     * with {@link TrackedPick#success()} or {@link TrackedPick#failure(Throwable)}, or
     * {@linkplain TrackedPick#close() close} it when the call is not made.
     *
     * @throws NoInstanceAvailableException when no instance can be picked, naming the service
     */
    TrackedPick start(PickContext context);

    /**
     * Runs {@code call} on a picked instance, tracked; when it throws a failure that
     * {@link BalancerOptions#retryOn()} accepts (by default a {@link RetryableException} or a
     * connection-level {@link java.io.IOException}), retries on a different instance (when there is
     * one) after an exponential, jittered back-off, while attempts ({@link BalancerOptions#maxAttempts()}),
     * the retry budget ({@link BalancerOptions#withRetryBudget}) and the overall deadline
     * ({@link BalancerOptions#withExecuteDeadline}) allow. Blocks the caller during back-off; see
     * {@link #executeAsync} for a call that never does.
     *
     * @return the first successful result
     * @throws X the last attempt's exception, when no attempt succeeded
     * @throws NoInstanceAvailableException when no instance can be picked (not retried)
     * @throws StaleCacheException when the cache is stale for too long (not retried)
     */
    <T, X extends Exception> T execute(PickContext context, InstanceCall<T, X> call) throws X;

    /**
     * As {@link #execute}, without blocking: the first attempt starts on the calling thread, each
     * retry on the {@linkplain BalancerOptions#retryScheduler() retry scheduler} once its back-off
     * has passed; no thread sleeps. The stage completes with the first success, or with the last
     * attempt's failure (unwrapped from {@link java.util.concurrent.CompletionException}), or a
     * {@link NoInstanceAvailableException} / {@link StaleCacheException} when no pick could be
     * made; this method itself does not throw them. Completing or cancelling the returned stage's
     * future stops further attempts (an attempt in flight is not cancelled).
     */
    <T> CompletionStage<T> executeAsync(PickContext context, AsyncInstanceCall<T> call);

    /** The circuit breaker of instance {@code instanceId}, when the balancer has seen that instance. */
    Optional<CircuitBreaker> circuitBreaker(String instanceId);

    /** Whether the current picker ignores ejection because too many instances would be ejected. */
    boolean isPanicking();

    /**
     * Stops listening to the cache. Idempotent. Later picks still notice a new snapshot through their
     * identity check and request a build.
     */
    @Override
    void close();
}
