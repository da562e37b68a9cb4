package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Picker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WeightedRandomStrategyTest {

    @Test
    void followsWeightsWithinChiSquareBounds() {
        List<ServiceInstance> list = new ArrayList<>();
        int[] weights = {1, 2, 3, 5, 8, 13, 21, 34, 55, 100};
        for (int i = 0; i < weights.length; i++) {
            list.add(Fixtures.instance("w-" + i, weights[i]));
        }
        Picker p = new WeightedRandomStrategy(Fixtures.random(7)).newPicker(Fixtures.candidates(list));
        Map<String, Integer> counts = Stats.count(p, PickContext.NONE, 100_000);
        assertThat(Stats.chiSquare(counts, list, 100_000)).isLessThan(Stats.critical(weights.length - 1));
    }

    @Test
    void aliasTableReproducesTheWeightsExactly() {
        int[] weights = {7, 1, 1, 40, 3, 3, 100, 5};
        long[] threshold = new long[weights.length];
        int[] alias = WeightedRandomStrategy.aliasTable(weights, threshold);
        double total = 0;
        for (int w : weights) {
            total += w;
        }
        double[] mass = new double[weights.length];
        for (int col = 0; col < weights.length; col++) {
            double own = threshold[col] / 0x1p32;
            mass[col] += own / weights.length;
            mass[alias[col]] += (1 - own) / weights.length;
        }
        for (int i = 0; i < weights.length; i++) {
            assertThat(mass[i]).isCloseTo(weights[i] / total, within(1e-9));
        }
    }
}
