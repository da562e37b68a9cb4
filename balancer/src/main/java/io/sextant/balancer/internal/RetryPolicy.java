package io.sextant.balancer.internal;

import io.sextant.balancer.BalancerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Whether and when a failed attempt of execute is retried: attempts left, a retryable failure, the
 * overall deadline, and the budget (checked last, so only a retry that will happen withdraws).
 * Shared by the blocking and the asynchronous caller.
 */
final class RetryPolicy {
    private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);
    /** No retry. */
    static final long NO_RETRY = -1;

    private final String service;
    private final int maxAttempts;
    private final Predicate<? super Throwable> retryOn;
    private final RetryBudget budget;
    private final long deadlineNanos;
    private final long backoffNanos;
    private final RandomGenerator random;
    private final LongSupplier ticker;

    RetryPolicy(String service, BalancerOptions options) {
        this.service = service;
        this.maxAttempts = options.maxAttempts();
        this.retryOn = options.retryOn();
        this.budget = new RetryBudget(options.retryBudgetShare(), options.minRetriesPerSecond());
        this.deadlineNanos = options.executeDeadline().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        this.backoffNanos = options.retryBackoff().toNanos();
        this.random = options.random();
        this.ticker = options.ticker();
    }

    /** Starts one execute: counts it in the budget and returns its start time. */
    long begin() {
        long now = ticker.getAsLong();
        budget.deposit(now);
        return now;
    }

    /**
     * The back-off in nanoseconds before attempt {@code attemptsMade + 1}, or {@link #NO_RETRY}.
     *
     * @param startNanos what {@link #begin()} returned
     */
    long retryDelay(int attemptsMade, Throwable failure, long startNanos) {
        if (attemptsMade >= maxAttempts || !retryable(failure)) {
            return NO_RETRY;
        }
        long delay = backoff(attemptsMade);
        long now = ticker.getAsLong();
        if (deadlineNanos != Long.MAX_VALUE && now - startNanos > deadlineNanos - delay) {
            log.debug("Not retrying a call to '{}': the execute deadline would pass", service);
            return NO_RETRY;
        }
        if (!budget.tryWithdraw(now)) {
            log.debug("Not retrying a call to '{}': the retry budget is spent", service);
            return NO_RETRY;
        }
        return delay;
    }

    private boolean retryable(Throwable failure) {
        try {
            return retryOn.test(failure);
        } catch (RuntimeException e) {
            log.warn("The retry predicate of balancer '{}' threw; not retrying", service, e);
            return false;
        }
    }

    /** Doubling from the configured back-off, ±50% jitter, capped at about a minute of doublings. */
    private long backoff(int attemptsMade) {
        double base = backoffNanos * Math.pow(2, Math.min(attemptsMade - 1, 30));
        double jittered = base * (0.5 + random.nextDouble());
        return (long) Math.min(jittered, 1e18);
    }
}
