package io.sextant.balancer.internal;

import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Picker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlowStartStrategyTest {
    private final FakeTicker ticker = new FakeTicker();
    private final BalancerOptions options = BalancerOptions.DEFAULT.withTicker(ticker)
            .withSlowStart(Duration.ofSeconds(30)).withRebuildExecutor(Runnable::run);

    private double newcomerShare(Picker p) {
        Map<String, Integer> counts = Stats.count(p, PickContext.NONE, 40_000);
        return counts.getOrDefault("new", 0) / 40_000.0;
    }

    @Test
    void rampsANewInstanceUpOverTheWindow() {
        StatsTable table = Fixtures.table(options);
        table.obtain("old-1", ticker.getAsLong(), true);
        table.obtain("old-2", ticker.getAsLong(), true);
        table.obtain("new", ticker.getAsLong(), false); // first seen now
        List<ServiceInstance> list = List.of(Fixtures.instance("old-1"), Fixtures.instance("old-2"),
                Fixtures.instance("new"));
        SlowStartStrategy s = new SlowStartStrategy(new WeightedRandomStrategy(Fixtures.random(9)), options);
        Picker p = s.newPicker(Fixtures.candidates(list, table));

        // At arrival: 10% of its weight, 10 / 210 of the calls (4.8%) instead of a third.
        assertThat(newcomerShare(p)).isBetween(0.035, 0.06);
        ticker.advance(Duration.ofSeconds(15));
        p.pick(PickContext.NONE); // notices the due step; the direct executor rebuilds at once
        assertThat(newcomerShare(p)).isBetween(0.18, 0.22); // 50 / 250
        ticker.advance(Duration.ofSeconds(15));
        p.pick(PickContext.NONE);
        assertThat(newcomerShare(p)).isBetween(0.31, 0.36); // full weight: a third
    }

    @Test
    void instancesOfTheFirstSnapshotStartWarm() {
        StatsTable table = Fixtures.table(options);
        List<ServiceInstance> list = Fixtures.instances(2);
        Picker p = new SlowStartStrategy(new WeightedRandomStrategy(Fixtures.random(9)), options)
                .newPicker(Fixtures.candidates(list, table));
        Map<String, Integer> counts = Stats.count(p, PickContext.NONE, 20_000);
        assertThat(counts.get("i-0")).isBetween(9_500, 10_500);
    }

    @Test
    void factorRisesLinearlyWithAFloor() {
        SlowStartStrategy s = new SlowStartStrategy(new RoundRobinStrategy(0), options);
        assertThat(s.factor(0)).isEqualTo(SlowStartStrategy.MIN_FACTOR);
        assertThat(s.factor(Duration.ofSeconds(15).toNanos())).isEqualTo(0.5);
        assertThat(s.factor(Duration.ofSeconds(30).toNanos())).isEqualTo(1.0);
    }
}
