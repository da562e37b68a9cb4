package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Picker;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StickyStrategyTest {

    @Test
    void holdsAKeyAndMovesOnlyWhenItsInstanceGoes() {
        StickyStrategy s = new StickyStrategy(Fixtures.random(5));
        List<ServiceInstance> list = Fixtures.instances(10);
        Picker p = s.newPicker(Fixtures.candidates(list));
        Map<String, String> first = new HashMap<>();
        for (int k = 0; k < 200; k++) {
            PickContext ctx = PickContext.ofKey("session-" + k);
            String id = p.pick(ctx).id();
            first.put(ctx.key(), id);
            for (int again = 0; again < 5; again++) {
                assertThat(p.pick(ctx).id()).isEqualTo(id);
            }
        }
        assertThat(first.values()).hasSizeGreaterThan(0).containsAnyOf("i-0", "i-5");

        // A new snapshot without i-4 (and with a newcomer): only i-4's keys move, and they stick again.
        List<ServiceInstance> next = HashingFixture.plus(HashingFixture.minus(list, 4), Fixtures.instance("i-new"));
        Picker p2 = s.newPicker(Fixtures.candidates(next));
        for (Map.Entry<String, String> e : first.entrySet()) {
            PickContext ctx = PickContext.ofKey(e.getKey());
            String now = p2.pick(ctx).id();
            if (e.getValue().equals("i-4")) {
                assertThat(now).isNotEqualTo("i-4");
                assertThat(p2.pick(ctx).id()).isEqualTo(now);
            } else {
                assertThat(now).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void spreadsNewKeysAndKeylessCalls() {
        Picker p = new StickyStrategy(Fixtures.random(6)).newPicker(Fixtures.candidates(Fixtures.instances(4)));
        Map<String, Integer> keyed = new HashMap<>();
        for (int k = 0; k < 4000; k++) {
            keyed.merge(p.pick(PickContext.ofKey("s" + k)).id(), 1, Integer::sum);
        }
        assertThat(keyed).hasSize(4).allSatisfy((id, c) -> assertThat(c).isBetween(850, 1150));
        assertThat(Stats.count(p, PickContext.NONE, 4000)).hasSize(4);
    }
}
