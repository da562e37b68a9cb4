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

class PeakEwmaP2cStrategyTest {
    private static final long MS = 1_000_000;
    private final FakeTicker ticker = new FakeTicker();
    private final StatsTable table = Fixtures.table(BalancerOptions.DEFAULT.withTicker(ticker));

    private void observe(String id, long latencyNanos, RuntimeException error) {
        InstanceStats s = table.obtain(id, 0, true);
        s.started(ticker.getAsLong());
        ticker.advance(Duration.ofNanos(latencyNanos));
        s.finished(ticker.getAsLong(), latencyNanos, error);
    }

    @Test
    void steersAwayFromASlowInstance() {
        List<ServiceInstance> list = Fixtures.instances(5);
        Picker p = new PeakEwmaP2cStrategy(Fixtures.random(11)).newPicker(Fixtures.candidates(list, table));
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 5; i++) {
                observe("i-" + i, i == 2 ? 200 * MS : 5 * MS, null);
            }
        }
        Map<String, Integer> counts = Stats.count(p, PickContext.NONE, 10_000);
        // P2C only picks the slow one when both draws hit it, which they never do (draws are distinct).
        assertThat(counts).doesNotContainKey("i-2").hasSize(4);
    }

    @Test
    void steersAwayFromABusyInstance() {
        List<ServiceInstance> list = Fixtures.instances(4);
        Picker p = new PeakEwmaP2cStrategy(Fixtures.random(13)).newPicker(Fixtures.candidates(list, table));
        for (int i = 0; i < 4; i++) {
            observe("i-" + i, 10 * MS, null);
        }
        for (int k = 0; k < 3; k++) {
            table.obtain("i-3", 0, true).started(ticker.getAsLong());
        }
        Map<String, Integer> counts = Stats.count(p, PickContext.NONE, 10_000);
        assertThat(counts).doesNotContainKey("i-3");
    }

    @Test
    void peakReactsAtOnceAndFastSamplesBlendIn() {
        InstanceStats s = table.obtain("x", 0, true);
        observe("x", 10 * MS, null);
        observe("x", 100 * MS, null);
        long now = ticker.getAsLong();
        assertThat(s.latencyNanos(now)).isEqualTo(100.0 * MS);
        assertThat(s.latencyNanos(now + 10_000 * MS)).isLessThan(50.0 * MS); // decays with age (tau 10 s)
        for (int i = 0; i < 50; i++) { // 50 s = 5 decay constants of fast samples
            ticker.advance(Duration.ofSeconds(1));
            observe("x", 10 * MS, null);
        }
        assertThat(s.latencyNanos(ticker.getAsLong())).isBetween(10.0 * MS, 20.0 * MS);
    }

    @Test
    void fastFailuresCountAsSlowAndDecayWithAge() {
        List<ServiceInstance> list = Fixtures.instances(2);
        Picker p = new PeakEwmaP2cStrategy(Fixtures.random(17)).newPicker(Fixtures.candidates(list, table));
        observe("i-0", 20 * MS, null);
        observe("i-1", 1_000, new RuntimeException("connection refused")); // 1 µs failure
        assertThat(Stats.count(p, PickContext.NONE, 1000)).containsOnlyKeys("i-0");
        ticker.advance(Duration.ofMinutes(5));
        observe("i-0", 20 * MS, null);
        // Five minutes (30 decay constants) later the penalty is gone and i-1 looks fast again.
        assertThat(Stats.count(p, PickContext.NONE, 1000)).containsKey("i-1");
    }

    @Test
    void spreadsEvenlyWithoutFeedback() {
        List<ServiceInstance> list = Fixtures.instances(8);
        Picker p = new PeakEwmaP2cStrategy(Fixtures.random(19)).newPicker(Fixtures.candidates(list, table));
        Map<String, Integer> counts = Stats.count(p, PickContext.NONE, 80_000);
        assertThat(Stats.chiSquare(counts, list, 80_000)).isLessThan(Stats.critical(7));
    }
}
