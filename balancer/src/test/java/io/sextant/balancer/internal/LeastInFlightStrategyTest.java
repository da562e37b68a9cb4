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

class LeastInFlightStrategyTest {
    private final FakeTicker ticker = new FakeTicker();
    private final StatsTable table = Fixtures.table(BalancerOptions.DEFAULT.withTicker(ticker));

    @Test
    void steersAwayFromABusyInstance() {
        List<ServiceInstance> list = Fixtures.instances(3);
        Picker p = new LeastInFlightStrategy(Fixtures.random(3)).newPicker(Fixtures.candidates(list, table));
        for (int i = 0; i < 5; i++) {
            table.obtain("i-0", 0, true).started(ticker.getAsLong());
        }
        table.obtain("i-1", 0, true).started(ticker.getAsLong());
        assertThat(Stats.count(p, PickContext.NONE, 1000)).containsOnlyKeys("i-2");
    }

    @Test
    void breaksTiesRandomly() {
        List<ServiceInstance> list = Fixtures.instances(4);
        Picker p = new LeastInFlightStrategy(Fixtures.random(5)).newPicker(Fixtures.candidates(list, table));
        Map<String, Integer> counts = Stats.count(p, PickContext.NONE, 40_000);
        assertThat(Stats.chiSquare(counts, list, 40_000)).isLessThan(Stats.critical(3));
    }

    @Test
    void aFastFailureDoesNotAttractTraffic() {
        List<ServiceInstance> list = Fixtures.instances(2);
        Picker p = new LeastInFlightStrategy(Fixtures.random(5)).newPicker(Fixtures.candidates(list, table));
        InstanceStats bad = table.obtain("i-0", 0, true);
        bad.started(ticker.getAsLong());
        bad.finished(ticker.getAsLong(), 1_000, new RuntimeException("refused"));
        InstanceStats good = table.obtain("i-1", 0, true);
        good.started(ticker.getAsLong()); // one call in flight on the healthy one
        good.started(ticker.getAsLong());
        bad.started(ticker.getAsLong());
        bad.finished(ticker.getAsLong(), 1_000, new RuntimeException("refused"));
        bad.started(ticker.getAsLong());
        bad.finished(ticker.getAsLong(), 1_000, new RuntimeException("refused"));
        assertThat(Stats.count(p, PickContext.NONE, 100)).containsOnlyKeys("i-1");
        // ...and the penalty decays with age, so the instance is tried again later.
        ticker.advance(Duration.ofSeconds(60));
        table.started(ticker.getAsLong());
        assertThat(Stats.count(p, PickContext.NONE, 100)).containsOnlyKeys("i-0");
    }

    @Test
    void weighsInFlightByWeight() {
        List<ServiceInstance> list = List.of(Fixtures.instance("big", 300), Fixtures.instance("small", 100));
        Picker p = new LeastInFlightStrategy(Fixtures.random(5)).newPicker(Fixtures.candidates(list, table));
        InstanceStats big = table.obtain("big", 0, true);
        big.started(0);
        big.started(0); // (2+1)/300 < (0+1)/100
        assertThat(p.pick(PickContext.NONE).id()).isEqualTo("big");
    }
}
