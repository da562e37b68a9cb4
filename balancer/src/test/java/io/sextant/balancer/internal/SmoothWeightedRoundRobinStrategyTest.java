package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Picker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SmoothWeightedRoundRobinStrategyTest {

    @Test
    void producesTheNginxInterleavingFor511() {
        List<ServiceInstance> list = List.of(Fixtures.instance("a", 5), Fixtures.instance("b", 1),
                Fixtures.instance("c", 1));
        Picker p = new SmoothWeightedRoundRobinStrategy(0).newPicker(Fixtures.candidates(list));
        StringBuilder seq = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            seq.append(p.pick(PickContext.NONE).id());
        }
        // Two periods of the sequence, from wherever this thread's stripe of the counter starts.
        assertThat("aabacaa".repeat(3)).contains(seq);
        assertThat(seq.substring(0, 7)).isEqualTo(seq.substring(7));
    }

    @Test
    void givesExactSharesOverWholePeriods() {
        List<ServiceInstance> list = new ArrayList<>();
        int[] weights = {3, 9, 27, 1, 60};
        for (int i = 0; i < weights.length; i++) {
            list.add(Fixtures.instance("w-" + i, weights[i]));
        }
        Picker p = new SmoothWeightedRoundRobinStrategy(0).newPicker(Fixtures.candidates(list));
        Map<String, Integer> counts = Stats.count(p, PickContext.NONE, 100 * 1000);
        for (int i = 0; i < weights.length; i++) {
            assertThat(counts.get("w-" + i)).isEqualTo(weights[i] * 1000);
        }
    }

    @Test
    void scalesAPeriodTooLongToBuildButKeepsTheRatios() {
        int[] weights = new int[1000];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 9_000 + i; // coprime-ish: the exact period would be millions of steps
        }
        int[] schedule = SmoothWeightedRoundRobinStrategy.schedule(weights);
        assertThat(schedule.length).isLessThanOrEqualTo(SmoothWeightedRoundRobinStrategy.MAX_PERIOD);
        int[] counts = new int[weights.length];
        for (int i : schedule) {
            counts[i]++;
        }
        assertThat(java.util.Arrays.stream(counts).min().getAsInt()).isGreaterThanOrEqualTo(30); // ~33.5 each
        assertThat(java.util.Arrays.stream(counts).max().getAsInt()).isLessThanOrEqualTo(36);
    }
}
