package io.sextant.balancer.internal;

import io.sextant.InstanceSet;
import io.sextant.InstanceStatus;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Picker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ZoneAwareStrategyTest {
    private static final PickContext FROM_A = PickContext.NONE.withZone("zone-a");

    /** Ten instances in zone-a, {@code downInA} of them DOWN, and ten UP in zone-b. */
    private static Picker picker(int downInA, double threshold) {
        List<ServiceInstance> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(Fixtures.instance("a-" + i, "zone-a", i < downInA ? InstanceStatus.DOWN : InstanceStatus.UP));
            all.add(Fixtures.instance("b-" + i, "zone-b", InstanceStatus.UP));
        }
        InstanceSet set = Fixtures.set(all);
        EligibleCandidates c = EligibleCandidates.select(set, Fixtures.table(), 0.5, 0, true);
        return new ZoneAwareStrategy(Fixtures.random(3), threshold).newPicker(c);
    }

    @Test
    void staysInTheCallersZoneWhileHealthy() {
        Map<String, Integer> counts = Stats.count(picker(0, 0.7), FROM_A, 10_000);
        assertThat(counts).hasSize(10).allSatisfy((id, c) -> assertThat(id).startsWith("a-"));
    }

    @Test
    void staysAtTheThresholdAndSpillsOverJustBelowIt() {
        // 7 of 10 healthy = 0.7: still local.
        assertThat(Stats.count(picker(3, 0.7), FROM_A, 10_000)).allSatisfy((id, c) -> assertThat(id).startsWith("a-"));
        // 6 of 10 healthy = 0.6 < 0.7: spread over every healthy instance of both zones.
        Map<String, Integer> spilled = Stats.count(picker(4, 0.7), FROM_A, 16_000);
        assertThat(spilled).hasSize(16);
        int inB = spilled.entrySet().stream().filter(e -> e.getKey().startsWith("b-")).mapToInt(Map.Entry::getValue).sum();
        assertThat(inB).isBetween(9_500, 10_500); // 10 of the 16 candidates
        assertThat(spilled).doesNotContainKeys("a-0", "a-1", "a-2", "a-3");
    }

    @Test
    void callersWithoutAKnownZoneUseEveryZone() {
        assertThat(Stats.count(picker(0, 0.7), PickContext.NONE, 10_000)).hasSize(20);
        assertThat(Stats.count(picker(0, 0.7), PickContext.NONE.withZone("zone-z"), 10_000)).hasSize(20);
    }
}
