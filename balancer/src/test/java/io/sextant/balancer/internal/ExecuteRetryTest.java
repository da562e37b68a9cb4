package io.sextant.balancer.internal;

import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.RetryableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link Balancer#execute} retries: which failures, how many within the budget, until when. */
@Timeout(30)
class ExecuteRetryTest {
    private final TestServiceCache cache = new TestServiceCache(Fixtures.SERVICE);
    private final FakeTicker ticker = new FakeTicker();
    private final BalancerOptions options = BalancerOptions.DEFAULT.withTicker(ticker).withRandom(Fixtures.random(7))
            .withRebuildExecutor(Runnable::run).withRetryBackoff(Duration.ofMillis(1));

    private Balancer balancer(BalancerOptions o) {
        cache.publish(Fixtures.instances(5));
        return Balancer.builder(cache).strategy("round-robin").options(o).build();
    }

    @Test
    void aFailureTheCallerDidNotMarkRetryableIsNotRetried() {
        Balancer b = balancer(options);
        List<String> attempts = new ArrayList<>();
        assertThatThrownBy(() -> b.execute(PickContext.NONE, instance -> {
            attempts.add(instance.id());
            throw new IllegalStateException("400 bad request from " + instance.id());
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsRetriedOnAnotherInstance() throws Exception {
        Balancer b = balancer(options);
        List<String> attempts = new ArrayList<>();
        String r = b.execute(PickContext.NONE, instance -> {
            attempts.add(instance.id());
            if (attempts.size() < 3) {
                throw new ConnectException("connection refused by " + instance.id());
            }
            return "ok";
        });
        assertThat(r).isEqualTo("ok");
        assertThat(attempts).hasSize(3).doesNotHaveDuplicates();
    }

    /**
     * The default budget: retries within 10 s may be 20% of the calls plus 10 per second. With the
     * ticker standing still, 300 calls whose first attempt fails get 100 + 0.2 × 300 = 160 retries;
     * once the window has passed, retries are allowed again.
     */
    @Test
    void retriesStopWhenTheBudgetIsSpent() throws Exception {
        Balancer b = balancer(options);
        AtomicInteger retries = new AtomicInteger();
        int failedCalls = 0;
        for (int i = 0; i < 300; i++) {
            boolean[] first = {true};
            try {
                b.execute(PickContext.NONE, instance -> {
                    if (first[0]) {
                        first[0] = false;
                        throw new ConnectException("refused");
                    }
                    retries.incrementAndGet();
                    return "ok";
                });
            } catch (ConnectException e) {
                failedCalls++;
            }
        }
        assertThat(retries.get()).isBetween(155, 165);
        assertThat(failedCalls).isEqualTo(300 - retries.get());

        ticker.advance(Duration.ofSeconds(11));
        AtomicInteger attempts = new AtomicInteger();
        String r = b.execute(PickContext.NONE, instance -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ConnectException("refused");
            }
            return "ok";
        });
        assertThat(r).isEqualTo("ok");
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void aFailureWrappingARetryableOneIsRetried() {
        Balancer b = balancer(options);
        AtomicInteger attempts = new AtomicInteger();
        String r = b.execute(PickContext.NONE, instance -> {
            if (attempts.incrementAndGet() == 1) {
                throw new java.io.UncheckedIOException(new ConnectException("refused"));
            }
            return "ok";
        });
        assertThat(r).isEqualTo("ok");
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void theRetryPredicateCanBeReplaced() {
        Balancer b = balancer(options.withRetryOn(e -> e instanceof IllegalStateException));
        List<String> attempts = new ArrayList<>();
        assertThatThrownBy(() -> b.execute(PickContext.NONE, instance -> {
            attempts.add(instance.id());
            throw new IllegalStateException("busy");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasSize(BalancerOptions.DEFAULT.maxAttempts());
    }

    @Test
    void noRetryStartsAfterTheDeadline() {
        Balancer b = balancer(options.withExecuteDeadline(Duration.ofSeconds(2)).withMaxAttempts(10));
        List<String> attempts = new ArrayList<>();
        assertThatThrownBy(() -> b.execute(PickContext.NONE, instance -> {
            attempts.add(instance.id());
            ticker.advance(Duration.ofMillis(900)); // each attempt takes 0.9 s
            throw new RetryableException("timeout on " + instance.id());
        })).isInstanceOf(RetryableException.class).hasMessage("timeout on " + attempts.get(attempts.size() - 1));
        assertThat(attempts).hasSize(3); // 0.9 s, 1.8 s: a third may start; after 2.7 s none
    }

    @Test
    void aBackOffThatWouldEndPastTheDeadlineIsNotWaited() {
        Balancer b = balancer(options.withExecuteDeadline(Duration.ofSeconds(2)).withRetryBackoff(Duration.ofMinutes(1)));
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> b.execute(PickContext.NONE, instance -> {
            attempts.incrementAndGet();
            throw new ConnectException("refused");
        })).isInstanceOf(ConnectException.class);
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void executeAsyncNeverSleepsTheCallersThread() {
        java.util.concurrent.ScheduledThreadPoolExecutor scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);
        try {
            Balancer b = balancer(options.withRetryBackoff(Duration.ofMinutes(10)).withRetryScheduler(scheduler));
            AtomicInteger attempts = new AtomicInteger();
            CompletionStage<String> stage = b.executeAsync(PickContext.NONE, instance -> {
                attempts.incrementAndGet();
                return CompletableFuture.failedFuture(new ConnectException("refused"));
            });
            // Returned at once, its retry ten minutes away on the scheduler.
            assertThat(stage.toCompletableFuture()).isNotDone();
            assertThat(attempts.get()).isEqualTo(1);
            assertThat(scheduler.getQueue()).hasSize(1);
            stage.toCompletableFuture().cancel(false);
            assertThat(scheduler.getQueue()).as("a cancelled execute drops its pending retry").isEmpty();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void executeAsyncRetriesOnTheSchedulerOnAnotherInstance() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            Balancer b = balancer(options.withRetryScheduler(scheduler));
            List<String> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            String r = b.executeAsync(PickContext.NONE, instance -> {
                attempts.add(instance.id());
                threads.add(Thread.currentThread());
                if (attempts.size() < 3) {
                    return CompletableFuture.failedFuture(new RetryableException("503"));
                }
                return CompletableFuture.completedFuture("ok from " + instance.id());
            }).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(r).isEqualTo("ok from " + attempts.get(2));
            assertThat(attempts).hasSize(3).doesNotHaveDuplicates();
            assertThat(threads.get(0)).isSameAs(Thread.currentThread());
            assertThat(threads.subList(1, 3)).allSatisfy(t -> assertThat(t).isNotSameAs(Thread.currentThread()));
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void executeAsyncReportsFailuresThroughTheStage() throws Exception {
        Balancer b = balancer(options);
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<String> notRetried = b.<String>executeAsync(PickContext.NONE, instance -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("bad request");
        }).toCompletableFuture();
        assertThat(notRetried).isCompletedExceptionally();
        assertThatThrownBy(notRetried::join).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(attempts.get()).isEqualTo(1);

        cache.publish(List.of());
        CompletableFuture<String> none = b.executeAsync(PickContext.NONE,
                instance -> CompletableFuture.completedFuture("unreachable")).toCompletableFuture();
        assertThatThrownBy(none::join).hasCauseInstanceOf(NoInstanceAvailableException.class);
    }
}
