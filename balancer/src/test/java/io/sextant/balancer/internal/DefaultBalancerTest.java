package io.sextant.balancer.internal;

import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.InstanceStatus;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.TrackedPick;
import io.sextant.balancer.spi.StrategyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class DefaultBalancerTest {
    private final TestServiceCache cache = new TestServiceCache(Fixtures.SERVICE);
    private final FakeTicker ticker = new FakeTicker();
    private final BalancerOptions options = BalancerOptions.DEFAULT.withTicker(ticker)
            .withRandom(Fixtures.random(1)).withRebuildExecutor(Runnable::run);

    static Set<String> names() {
        return StrategyRegistry.getDefault().names();
    }

    private Balancer balancer(String strategy) {
        return Balancer.builder(cache).strategy(strategy).options(options).build();
    }

    @Test
    void everyBuiltInStrategyIsFoundByName() {
        assertThat(names()).containsExactlyInAnyOrder("round-robin", "random", "weighted-round-robin",
                "weighted-random", "least-in-flight", "p2c-peak-ewma", "ring-hash", "rendezvous", "maglev",
                "bounded-load", "source-hash", "zone-aware", "sticky");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> balancer("fastest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strategy must be one of")
                .hasMessageContaining("maglev").hasMessageContaining("'fastest'");
    }

    @Test
    void slowStartNeedsAWeightOrLoadAwareStrategy() {
        assertThatThrownBy(() -> Balancer.builder(cache).strategy("round-robin")
                .options(options.withSlowStart()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowStartWindow");
        cache.publish(Fixtures.instances(3));
        assertThat(Balancer.builder(cache).strategy("p2c-peak-ewma").options(options.withSlowStart()).build()
                .pick(PickContext.NONE).id()).startsWith("i-");
    }

    @ParameterizedTest
    @MethodSource("names")
    void anEmptySetNamesTheService(String strategy) {
        Balancer b = balancer(strategy);
        assertThatThrownBy(() -> b.pick(PickContext.ofKey("k")))
                .isInstanceOfSatisfying(NoInstanceAvailableException.class,
                        e -> assertThat(e.service()).isEqualTo(Fixtures.SERVICE))
                .hasMessageContaining("'orders'");
    }

    @ParameterizedTest
    @MethodSource("names")
    void neverPicksDrainingDownOrWeightZero(String strategy) {
        List<ServiceInstance> list = new ArrayList<>();
        list.add(Fixtures.instance("up-1", "z", InstanceStatus.UP));
        list.add(Fixtures.instance("up-2", "z", InstanceStatus.UP));
        list.add(Fixtures.instance("draining", "z", InstanceStatus.DRAINING));
        list.add(Fixtures.instance("down", "z", InstanceStatus.DOWN));
        list.add(Fixtures.instance("zero", 0));
        cache.publish(list);
        Balancer b = balancer(strategy);
        for (int i = 0; i < 2000; i++) {
            PickContext ctx = PickContext.ofKey("k" + i).withSourceAddress("10.0.0." + (i % 250)).withZone("z");
            assertThat(b.pick(ctx).id()).startsWith("up-");
        }
        cache.publish(List.of(list.get(2), list.get(3), list.get(4)));
        assertThatThrownBy(() -> b.pick(PickContext.NONE))
                .isInstanceOf(NoInstanceAvailableException.class).hasMessageContaining("3 registered");
    }

    /** A fleet restart must not send every balancer's first call to the same instance. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"round-robin", "weighted-round-robin"})
    void everyBalancerStartsItsRotationAtARandomIndex(String strategy) {
        cache.publish(Fixtures.instances(10));
        Set<String> firsts = new java.util.HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            Balancer b = Balancer.builder(cache).strategy(strategy)
                    .options(options.withRandom(Fixtures.random(seed))).build();
            firsts.add(b.pick(PickContext.NONE).id());
            b.close();
        }
        assertThat(firsts).hasSizeGreaterThan(5);
    }

    @Test
    void rebuildsWhenTheCachePublishes() {
        cache.publish(Fixtures.instances("a-", 0, 3));
        Balancer b = balancer("round-robin");
        assertThat(b.pick(PickContext.NONE).id()).startsWith("a-");
        cache.publish(Fixtures.instances("b-", 0, 3));
        for (int i = 0; i < 10; i++) {
            assertThat(b.pick(PickContext.NONE).id()).startsWith("b-");
        }
    }

    @Test
    void notices_a_new_snapshot_before_the_listener_runs() {
        cache.publish(Fixtures.instances("a-", 0, 3));
        Balancer b = balancer("random");
        cache.publishSilently(Fixtures.instances("b-", 0, 3));
        assertThat(b.pick(PickContext.NONE).id()).startsWith("b-");
    }

    @Test
    void closeDetachesFromTheCache() {
        Balancer b = balancer("random");
        assertThat(cache.listenerCount()).isEqualTo(1);
        b.close();
        b.close();
        assertThat(cache.listenerCount()).isZero();
    }

    @Test
    void stateSurvivesSnapshotChanges() {
        cache.publish(Fixtures.instances(3));
        Balancer b = balancer("least-in-flight");
        TrackedPick held = b.start(PickContext.NONE);
        String busy = held.instance().id();
        var breaker = b.circuitBreaker(busy).orElseThrow();
        List<ServiceInstance> more = new ArrayList<>(Fixtures.instances(3));
        more.add(Fixtures.instance("i-9"));
        cache.publish(more);
        assertThat(b.circuitBreaker(busy)).containsSame(breaker);
        // The in-flight call from the old snapshot still counts.
        for (int i = 0; i < 100; i++) {
            assertThat(b.pick(PickContext.NONE).id()).isNotEqualTo(busy);
        }
        held.success();
        held.failure(new RuntimeException("ignored: already finished"));
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void tracksLatencyForP2c() {
        cache.publish(Fixtures.instances(2));
        Balancer b = balancer("p2c-peak-ewma");
        for (int i = 0; i < 20; i++) {
            TrackedPick t = b.start(PickContext.NONE);
            t.success(Duration.ofMillis(t.instance().id().equals("i-0") ? 200 : 5));
        }
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < 1000; i++) {
            counts.merge(b.pick(PickContext.NONE).id(), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("i-1");
    }

    @Test
    void closingAnUnfinishedTrackedPickCountsItAsCancelledNotFailed() {
        cache.publish(Fixtures.instances(2));
        DefaultBalancer b = (DefaultBalancer) balancer("least-in-flight");
        String id;
        try (TrackedPick t = b.start(PickContext.NONE)) {
            id = t.instance().id();
            assertThat(b.stats(id).inFlight()).isEqualTo(1);
        } // no outcome: the call was never made
        InstanceStats s = b.stats(id);
        assertThat(s.inFlight()).isZero();
        assertThat(s.cancelledCalls()).isEqualTo(1);
        assertThat(s.breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(s.breaker.getMetrics().getNumberOfSuccessfulCalls()).isZero();
        assertThat(s.latencyNanos(ticker.getAsLong())).isZero();

        TrackedPick done = b.start(PickContext.NONE);
        done.success();
        done.close();
        assertThat(b.stats(done.instance().id()).cancelledCalls()).isEqualTo(done.instance().id().equals(id) ? 1 : 0);
        assertThat(b.stats(done.instance().id()).breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void servesAStaleSetByDefault() {
        cache.publishStale(Fixtures.instances(2), java.time.Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(balancer("round-robin").pick(PickContext.NONE).id()).startsWith("i-");
    }

    @Test
    void refusesPicksFromASetStaleForLongerThanAllowed() {
        java.time.Instant now = java.time.Instant.parse("2026-06-01T12:00:00Z");
        Balancer b = Balancer.builder(cache).strategy("round-robin").options(options
                .withMaxStaleness(Duration.ofSeconds(30))
                .withClock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))).build();
        cache.publish(Fixtures.instances(2));
        assertThat(b.pick(PickContext.NONE).id()).startsWith("i-");
        cache.publishStale(Fixtures.instances(2), now.minusSeconds(30));
        assertThat(b.pick(PickContext.NONE).id()).as("stale for exactly the limit").startsWith("i-");
        cache.publishStale(Fixtures.instances(2), now.minusSeconds(42));
        assertThatThrownBy(() -> b.pick(PickContext.NONE))
                .isInstanceOfSatisfying(io.sextant.balancer.StaleCacheException.class, e -> {
                    assertThat(e.service()).isEqualTo(Fixtures.SERVICE);
                    assertThat(e.staleFor()).isEqualTo(Duration.ofSeconds(42));
                    assertThat(e.staleSince()).isEqualTo(now.minusSeconds(42));
                })
                .hasMessageContaining("'orders'").hasMessageContaining("PT42S").hasMessageContaining("PT30S");
        assertThatThrownBy(() -> b.start(PickContext.NONE)).isInstanceOf(io.sextant.balancer.StaleCacheException.class);
        List<String> attempts = new ArrayList<>();
        assertThatThrownBy(() -> b.execute(PickContext.NONE, instance -> attempts.add(instance.id())))
                .isInstanceOf(io.sextant.balancer.StaleCacheException.class);
        assertThat(attempts).isEmpty();
        cache.publish(Fixtures.instances(2)); // fresh again
        assertThat(b.pick(PickContext.NONE).id()).startsWith("i-");
    }
}
