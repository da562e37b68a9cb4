package io.sextant.balancer.internal;

import io.sextant.balancer.InstanceCall;
import io.sextant.balancer.PickContext;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The blocking {@code execute}: each attempt tracked on an instance not tried yet (when there is
 * one), retried as the {@link RetryPolicy} allows, the back-off slept on the caller's thread.
 */
final class RetryingCaller {
    private final DefaultBalancer balancer;
    private final RetryPolicy policy;

    RetryingCaller(DefaultBalancer balancer, RetryPolicy policy) {
        this.balancer = balancer;
        this.policy = policy;
    }

    <T, X extends Exception> T execute(PickContext context, InstanceCall<T, X> call) throws X {
        long start = policy.begin();
        DefaultTrackedPick attempt = balancer.startTracked(context, null); // no instance: thrown, not retried
        Set<String> tried = null;
        for (int made = 1; ; made++) {
            Exception failure;
            try {
                T result = call.call(attempt.instance());
                attempt.success();
                return result;
            } catch (Exception e) {
                attempt.failure(e);
                failure = e;
            } catch (Error e) {
                attempt.failure(e);
                throw e;
            }
            long delay = policy.retryDelay(made, failure, start);
            if (delay == RetryPolicy.NO_RETRY) {
                throw this.<X>rethrow(failure);
            }
            if (tried == null) {
                tried = new HashSet<>(4);
            }
            tried.add(attempt.instance().id());
            try {
                TimeUnit.NANOSECONDS.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.addSuppressed(e);
                throw this.<X>rethrow(failure);
            }
            try {
                attempt = balancer.startTracked(context, tried);
            } catch (RuntimeException e) { // e.g. every instance gone meanwhile: the call's failure is the news
                failure.addSuppressed(e);
                throw this.<X>rethrow(failure);
            }
        }
    }

    /** {@code failure} is a RuntimeException or the call's declared X: only the call throws checked exceptions. */
    @SuppressWarnings("unchecked")
    private <X extends Exception> X rethrow(Exception failure) {
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        return (X) failure;
    }
}
