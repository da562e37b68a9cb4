package io.sextant.balancer.internal;

import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.ServiceInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-instance state outlives an instance's departure by the retention, no less and not forever. */
@Timeout(30)
class StatsRetentionTest {
    private final TestServiceCache cache = new TestServiceCache(Fixtures.SERVICE);
    private final FakeTicker ticker = new FakeTicker();
    private final BalancerOptions options = BalancerOptions.DEFAULT.withTicker(ticker)
            .withRandom(Fixtures.random(1)).withRebuildExecutor(Runnable::run);

    private Balancer balancer() {
        return Balancer.builder(cache).strategy("round-robin").options(options).build();
    }

    @Test
    void anInstanceOfTheFirstSnapshotIsForgottenAfterItLeaves() {
        ticker.advance(Duration.ofMinutes(10)); // a ticker well past the retention, as nanoTime in a long-lived JVM
        List<ServiceInstance> three = Fixtures.instances(3);
        cache.publish(three);
        Balancer b = balancer();
        assertThat(b.circuitBreaker("i-2")).isPresent();
        cache.publish(three.subList(0, 2)); // i-2 leaves at the first change
        assertThat(b.circuitBreaker("i-2")).as("kept for the retention after leaving").isPresent();
        ticker.advance(StatsTable.RETENTION.plus(Duration.ofMinutes(1)));
        cache.publish(three.subList(0, 2)); // a later rebuild (new revision) prunes expired state
        assertThat(b.circuitBreaker("i-2")).as("state of an instance gone for longer than the retention").isEmpty();
        assertThat(b.circuitBreaker("i-0")).isPresent();
    }

    @Test
    void aLongPresentInstanceKeepsItsBreakerForTheRetentionAfterLeaving() {
        List<ServiceInstance> three = Fixtures.instances(3);
        cache.publish(three);
        Balancer b = balancer();
        cache.publish(three); // seen again: a rebuild while all are present
        var breaker = b.circuitBreaker("i-2").orElseThrow();
        ticker.advance(Duration.ofHours(1)); // quiet: no snapshot change for an hour
        cache.publish(three.subList(0, 2)); // i-2 leaves only now
        assertThat(b.circuitBreaker("i-2")).as("a flapping instance keeps its breaker").containsSame(breaker);
        ticker.advance(Duration.ofMinutes(1));
        cache.publish(three); // back within the retention: same breaker
        assertThat(b.circuitBreaker("i-2")).containsSame(breaker);
    }
}
