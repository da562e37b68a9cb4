package io.sextant.balancer.internal;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.InstanceCall;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.TrackedPick;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/** Runs a call with Resilience4j {@link Retry}, each attempt tracked on an instance not tried yet. */
final class RetryingCaller {
    private final DefaultBalancer balancer;
    private final Retry retry;

    RetryingCaller(DefaultBalancer balancer, BalancerOptions options) {
        this.balancer = balancer;
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(options.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(options.retryBackoff(), 2.0, 0.5))
                .retryOnException(e -> !(e instanceof NoInstanceAvailableException))
                .build();
        this.retry = Retry.of(balancer.service() + "-execute", config);
    }

    Retry retry() {
        return retry;
    }

    @SuppressWarnings("unchecked")
    <T, X extends Exception> T execute(PickContext context, InstanceCall<T, X> call) throws X {
        Set<String> tried = new HashSet<>(4);
        Callable<T> attempt = () -> {
            TrackedPick tracked = balancer.startTracked(context, tried);
            tried.add(tracked.instance().id());
            try {
                T result = call.call(tracked.instance());
                tracked.success();
                return result;
            } catch (Throwable e) {
                tracked.failure(e);
                throw e;
            }
        };
        try {
            return retry.executeCallable(attempt);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw (X) e; // only the call throws checked exceptions, and it declares X
        }
    }
}
