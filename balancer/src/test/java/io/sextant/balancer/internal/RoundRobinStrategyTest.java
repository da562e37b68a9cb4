package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Picker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoundRobinStrategyTest {

    @Test
    void isExactlyFair() {
        List<ServiceInstance> list = Fixtures.instances(7);
        Picker p = new RoundRobinStrategy().newPicker(Fixtures.candidates(list));
        Map<String, Integer> counts = Stats.count(p, PickContext.NONE, 7 * 1000);
        assertThat(counts).hasSize(7).allSatisfy((id, c) -> assertThat(c).isEqualTo(1000));
    }

    @Test
    void visitsEveryInstanceOncePerRound() {
        List<ServiceInstance> list = Fixtures.instances(5);
        Picker p = new RoundRobinStrategy().newPicker(Fixtures.candidates(list));
        List<String> round = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            round.add(p.pick(PickContext.NONE).id());
        }
        assertThat(round).containsExactlyInAnyOrderElementsOf(list.stream().map(ServiceInstance::id).toList());
    }

    @Test
    void rotationContinuesAcrossSnapshots() {
        RoundRobinStrategy s = new RoundRobinStrategy();
        List<ServiceInstance> list = Fixtures.instances(4);
        Picker first = s.newPicker(Fixtures.candidates(list));
        assertThat(first.pick(PickContext.NONE).id()).isEqualTo("i-0");
        assertThat(first.pick(PickContext.NONE).id()).isEqualTo("i-1");
        Picker second = s.newPicker(Fixtures.candidates(list));
        assertThat(second.pick(PickContext.NONE).id()).isEqualTo("i-2");
    }

    @Test
    void staysInRangeWhenTheCounterWraps() {
        RoundRobinStrategy s = new RoundRobinStrategy(Integer.MAX_VALUE - 3);
        Picker p = s.newPicker(Fixtures.candidates(Fixtures.instances(3)));
        for (int i = 0; i < 10; i++) {
            assertThat(p.pick(PickContext.NONE).id()).startsWith("i-");
        }
    }
}
