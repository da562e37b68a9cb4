package io.sextant.balancer.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.RetryableException;
import io.sextant.ServiceInstance;
import io.sextant.balancer.TrackedPick;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class BalancerResilienceTest {
    private final TestServiceCache cache = new TestServiceCache(Fixtures.SERVICE);

    private Balancer balancer(String strategy, Duration openWait) {
        CircuitBreakerConfig breakers = CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4)
                .failureRateThreshold(50).waitDurationInOpenState(openWait).build();
        BalancerOptions options = BalancerOptions.DEFAULT.withRandom(Fixtures.random(3))
                .withRebuildExecutor(Runnable::run).withCircuitBreakerConfig(breakers)
                .withRetryBackoff(Duration.ofMillis(1));
        return Balancer.builder(cache).strategy(strategy).options(options).build();
    }

    private static Set<String> picked(Balancer b, int picks) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < picks; i++) {
            ids.add(b.pick(PickContext.NONE).id());
        }
        return ids;
    }

    /** Instances of {@code picks} tracked calls, each succeeding. */
    private static Set<String> started(Balancer b, int picks) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < picks; i++) {
            TrackedPick t = b.start(PickContext.NONE);
            t.success();
            ids.add(t.instance().id());
        }
        return ids;
    }

    @Test
    void anOpenBreakerEjectsItsInstanceUntilItHalfOpens() {
        cache.publish(Fixtures.instances(4));
        Balancer b = balancer("round-robin", Duration.ofMillis(300));
        CircuitBreaker breaker = b.circuitBreaker("i-0").orElseThrow();
        while (breaker.getState() == CircuitBreaker.State.CLOSED) {
            TrackedPick t = b.start(PickContext.NONE);
            if (t.instance().id().equals("i-0")) {
                t.failure(new IOException("connection reset"));
            } else {
                t.success();
            }
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(picked(b, 400)).containsExactlyInAnyOrder("i-1", "i-2", "i-3");
        assertThat(b.isPanicking()).isFalse();

        // Resilience4j moves the breaker to HALF_OPEN after the wait; tracked calls try the instance again.
        await().atMost(Duration.ofSeconds(5)).until(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN);
        await().atMost(Duration.ofSeconds(5)).until(() -> started(b, 40).contains("i-0"));
    }

    /**
     * A hard-down instance whose breaker half-opens gets only the breaker's permitted trial calls,
     * however many calls start while the trials hang; untracked picks, which report no outcome,
     * never go to it.
     */
    @Test
    void aHalfOpenInstanceGetsOnlyItsPermittedTrialCalls() {
        cache.publish(Fixtures.instances(4));
        CircuitBreakerConfig breakers = CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4)
                .failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(1))
                .permittedNumberOfCallsInHalfOpenState(2).build();
        Balancer b = Balancer.builder(cache).strategy("round-robin").options(BalancerOptions.DEFAULT
                .withRandom(Fixtures.random(3)).withRebuildExecutor(Runnable::run)
                .withCircuitBreakerConfig(breakers)).build();
        CircuitBreaker down = b.circuitBreaker("i-0").orElseThrow();
        while (down.getState() == CircuitBreaker.State.CLOSED) {
            TrackedPick t = b.start(PickContext.NONE);
            if (t.instance().id().equals("i-0")) {
                t.failure(new java.net.ConnectException("connection refused"));
            } else {
                t.success();
            }
        }
        down.transitionToHalfOpenState(); // the open wait is over

        List<TrackedPick> hanging = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            hanging.add(b.start(PickContext.NONE));
        }
        List<TrackedPick> trials = hanging.stream().filter(t -> t.instance().id().equals("i-0")).toList();
        assertThat(trials).hasSize(2);
        assertThat(picked(b, 200)).doesNotContain("i-0");

        trials.forEach(t -> t.failure(new java.net.ConnectException("connection refused")));
        assertThat(down.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(picked(b, 200)).doesNotContain("i-0");
        hanging.stream().filter(t -> !trials.contains(t)).forEach(TrackedPick::success);
    }

    @Test
    void aTrialCallThatIsNotMadeGivesItsSlotBack() {
        cache.publish(Fixtures.instances(4));
        CircuitBreakerConfig breakers = CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4)
                .waitDurationInOpenState(Duration.ofMinutes(1)).permittedNumberOfCallsInHalfOpenState(1).build();
        Balancer b = Balancer.builder(cache).strategy("round-robin").options(BalancerOptions.DEFAULT
                .withRandom(Fixtures.random(3)).withRebuildExecutor(Runnable::run)
                .withCircuitBreakerConfig(breakers)).build();
        CircuitBreaker breaker = b.circuitBreaker("i-0").orElseThrow();
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();
        TrackedPick trial = firstOn(b, "i-0", 8);
        assertThat(firstOn(b, "i-0", 40)).as("the only trial slot is taken").isNull();
        trial.close(); // the call was never made
        TrackedPick again = firstOn(b, "i-0", 8);
        assertThat(again).as("the slot came back").isNotNull();
        again.success();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    /** Starts up to {@code tries} tracked calls, finishing the others at once; the first on {@code id}, or null. */
    private static TrackedPick firstOn(Balancer b, String id, int tries) {
        for (int i = 0; i < tries; i++) {
            TrackedPick t = b.start(PickContext.NONE);
            if (t.instance().id().equals(id)) {
                return t;
            }
            t.success();
        }
        return null;
    }

    @Test
    void ejectingMoreThanHalfIsIgnoredAsPanicMode() {
        cache.publish(Fixtures.instances(4));
        Balancer b = balancer("random", Duration.ofMinutes(1));
        b.circuitBreaker("i-0").orElseThrow().transitionToOpenState();
        b.circuitBreaker("i-1").orElseThrow().transitionToOpenState();
        // Two of four (50%) may be ejected.
        assertThat(picked(b, 400)).containsExactlyInAnyOrder("i-2", "i-3");
        assertThat(b.isPanicking()).isFalse();

        b.circuitBreaker("i-2").orElseThrow().transitionToOpenState();
        // Three of four would leave one instance carrying everything: ignore ejection instead.
        assertThat(b.isPanicking()).isTrue();
        assertThat(picked(b, 400)).containsExactlyInAnyOrder("i-0", "i-1", "i-2", "i-3");

        b.circuitBreaker("i-2").orElseThrow().transitionToClosedState();
        assertThat(b.isPanicking()).isFalse();
        assertThat(picked(b, 400)).containsExactlyInAnyOrder("i-2", "i-3");
    }

    @Test
    void executeRetriesOnADifferentInstance() {
        cache.publish(Fixtures.instances(5));
        Balancer b = balancer("maglev", Duration.ofMinutes(1)); // a key always hashes to the same instance
        List<String> attempts = new ArrayList<>();
        String result = b.execute(PickContext.ofKey("cart-42"), instance -> {
            attempts.add(instance.id());
            if (attempts.size() == 1) {
                throw new RetryableException("503 from " + instance.id());
            }
            return "ok from " + instance.id();
        });
        assertThat(attempts).hasSize(2).doesNotHaveDuplicates();
        assertThat(result).isEqualTo("ok from " + attempts.get(1));
        CircuitBreaker first = b.circuitBreaker(attempts.get(0)).orElseThrow();
        CircuitBreaker second = b.circuitBreaker(attempts.get(1)).orElseThrow();
        assertThat(first.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(second.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void executeGivesUpAfterMaxAttemptsWithTheCallersException() {
        cache.publish(Fixtures.instances(5));
        Balancer b = balancer("round-robin", Duration.ofMinutes(1));
        List<String> attempts = new ArrayList<>();
        assertThatThrownBy(() -> b.execute(PickContext.NONE, (ServiceInstance instance) -> {
            attempts.add(instance.id());
            throw new java.net.ConnectException("connection refused by " + instance.id());
        })).isInstanceOf(IOException.class).hasMessage("connection refused by " + attempts.get(attempts.size() - 1));
        assertThat(attempts).hasSize(BalancerOptions.DEFAULT.maxAttempts()).doesNotHaveDuplicates();
    }

    @Test
    void noInstanceIsNotRetried() {
        Balancer b = balancer("round-robin", Duration.ofMinutes(1));
        List<String> attempts = new ArrayList<>();
        assertThatThrownBy(() -> b.execute(PickContext.NONE, instance -> attempts.add(instance.id())))
                .isInstanceOf(NoInstanceAvailableException.class);
        assertThat(attempts).isEmpty();
    }

    @Test
    void aSingleInstanceIsRetriedItself() {
        cache.publish(Fixtures.instances(1));
        Balancer b = balancer("round-robin", Duration.ofMinutes(1));
        List<String> attempts = new ArrayList<>();
        String r = b.execute(PickContext.NONE, instance -> {
            attempts.add(instance.id());
            if (attempts.size() < 3) {
                throw new RetryableException("busy");
            }
            return "done";
        });
        assertThat(r).isEqualTo("done");
        assertThat(attempts).containsExactly("i-0", "i-0", "i-0");
    }
}
