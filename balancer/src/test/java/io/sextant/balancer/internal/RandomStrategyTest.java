package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Picker;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RandomStrategyTest {

    @Test
    void isUniformWithinChiSquareBounds() {
        List<ServiceInstance> list = Fixtures.instances(10);
        Picker p = new RandomStrategy(Fixtures.random(42)).newPicker(Fixtures.candidates(list));
        Map<String, Integer> counts = Stats.count(p, PickContext.NONE, 100_000);
        assertThat(counts).hasSize(10);
        assertThat(Stats.chiSquare(counts, list, 100_000)).isLessThan(Stats.critical(9));
    }

    @Test
    void ignoresWeights() {
        List<ServiceInstance> list = List.of(Fixtures.instance("a", 1), Fixtures.instance("b", 1000));
        Picker p = new RandomStrategy(Fixtures.random(1)).newPicker(Fixtures.candidates(list));
        Map<String, Integer> counts = Stats.count(p, PickContext.NONE, 10_000);
        assertThat(counts.get("a")).isBetween(4_700, 5_300);
    }
}
