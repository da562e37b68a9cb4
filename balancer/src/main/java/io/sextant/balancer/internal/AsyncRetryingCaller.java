package io.sextant.balancer.internal;

import io.sextant.balancer.AsyncInstanceCall;
import io.sextant.balancer.PickContext;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The non-blocking {@code executeAsync}: the first attempt starts on the caller's thread, each
 * retry on the retry scheduler after its back-off; no thread ever sleeps. Retries follow the same
 * {@link RetryPolicy} as the blocking caller. Once the returned future is completed (or cancelled)
 * by anyone, no further attempt starts.
 */
final class AsyncRetryingCaller {
    private final DefaultBalancer balancer;
    private final RetryPolicy policy;
    private final ScheduledExecutorService scheduler;

    AsyncRetryingCaller(DefaultBalancer balancer, RetryPolicy policy, ScheduledExecutorService scheduler) {
        this.balancer = balancer;
        this.policy = policy;
        this.scheduler = scheduler;
    }

    <T> CompletableFuture<T> execute(PickContext context, AsyncInstanceCall<T> call) {
        Execution<T> e = new Execution<>(context, call, policy.begin());
        e.attempt(1, null);
        return e.result;
    }

    private final class Execution<T> {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final Set<String> tried = ConcurrentHashMap.newKeySet();
        final PickContext context;
        final AsyncInstanceCall<T> call;
        final long start;

        Execution(PickContext context, AsyncInstanceCall<T> call, long start) {
            this.context = context;
            this.call = call;
            this.start = start;
        }

        void attempt(int number, Throwable previous) {
            if (result.isDone()) {
                return;
            }
            DefaultTrackedPick pick;
            try {
                pick = balancer.startTracked(context, tried.isEmpty() ? null : tried);
            } catch (RuntimeException e) {
                if (previous != null) {
                    previous.addSuppressed(e);
                }
                result.completeExceptionally(previous == null ? e : previous);
                return;
            }
            CompletionStage<T> stage;
            try {
                stage = call.call(pick.instance());
                if (stage == null) {
                    stage = CompletableFuture.failedFuture(new NullPointerException("the call returned no stage"));
                }
            } catch (Exception | Error e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((value, error) -> {
                if (error == null) {
                    pick.success();
                    result.complete(value);
                } else {
                    Throwable failure = unwrap(error);
                    pick.failure(failure);
                    retryOrFail(number, pick.instance().id(), failure);
                }
            });
        }

        private void retryOrFail(int made, String instanceId, Throwable failure) {
            if (result.isDone()) {
                return;
            }
            long delay = failure instanceof Error ? RetryPolicy.NO_RETRY : policy.retryDelay(made, failure, start);
            if (delay == RetryPolicy.NO_RETRY) {
                result.completeExceptionally(failure);
                return;
            }
            tried.add(instanceId);
            try {
                ScheduledFuture<?> next = scheduler.schedule(() -> attempt(made + 1, failure), delay, TimeUnit.NANOSECONDS);
                result.whenComplete((v, e) -> next.cancel(false)); // completed or cancelled by the caller: drop the wait
            } catch (RejectedExecutionException e) {
                failure.addSuppressed(e);
                result.completeExceptionally(failure);
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
