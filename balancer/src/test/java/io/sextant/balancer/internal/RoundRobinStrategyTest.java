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
        Picker p = new RoundRobinStrategy(0).newPicker(Fixtures.candidates(list));
        Map<String, Integer> counts = Stats.count(p, PickContext.NONE, 7 * 1000);
        assertThat(counts).hasSize(7).allSatisfy((id, c) -> assertThat(c).isEqualTo(1000));
    }

    @Test
    void visitsEveryInstanceOncePerRound() {
        List<ServiceInstance> list = Fixtures.instances(5);
        Picker p = new RoundRobinStrategy(0).newPicker(Fixtures.candidates(list));
        List<String> round = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            round.add(p.pick(PickContext.NONE).id());
        }
        assertThat(round).containsExactlyInAnyOrderElementsOf(list.stream().map(ServiceInstance::id).toList());
    }

    @Test
    void rotationContinuesAcrossSnapshots() {
        RoundRobinStrategy s = new RoundRobinStrategy(0);
        List<ServiceInstance> list = Fixtures.instances(4);
        Picker first = s.newPicker(Fixtures.candidates(list));
        int start = index(first.pick(PickContext.NONE));
        assertThat(index(first.pick(PickContext.NONE))).isEqualTo((start + 1) % 4);
        Picker second = s.newPicker(Fixtures.candidates(list));
        assertThat(index(second.pick(PickContext.NONE))).isEqualTo((start + 2) % 4);
    }

    private static int index(ServiceInstance s) {
        return Integer.parseInt(s.id().substring(2));
    }

    /**
     * Two threads picking in strict alternation from one balancer each still see a full rotation:
     * with one shared counter, each would see only every other instance of 4.
     */
    @Test
    void eachThreadKeepsItsOwnFairRotation() throws Exception {
        List<ServiceInstance> list = Fixtures.instances(4);
        Picker p = new RoundRobinStrategy(0).newPicker(Fixtures.candidates(list));
        java.util.concurrent.Semaphore turnA = new java.util.concurrent.Semaphore(1);
        java.util.concurrent.Semaphore turnB = new java.util.concurrent.Semaphore(0);
        List<String> seenA = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> seenB = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread a = new Thread(() -> alternate(p, turnA, turnB, seenA));
        Thread b = new Thread(() -> alternate(p, turnB, turnA, seenB));
        while (RoundRobinStrategy.stripe(b.getId()) == RoundRobinStrategy.stripe(a.getId())) {
            b = new Thread(() -> alternate(p, turnB, turnA, seenB)); // two threads of one stripe share a counter
        }
        a.start();
        b.start();
        a.join(10_000);
        b.join(10_000);
        for (List<String> seen : List.of(seenA, seenB)) {
            assertThat(seen).hasSize(400);
            for (int round = 0; round < 100; round++) {
                assertThat(seen.subList(round * 4, round * 4 + 4)).containsExactlyInAnyOrder("i-0", "i-1", "i-2", "i-3");
            }
        }
    }

    private static void alternate(Picker p, java.util.concurrent.Semaphore mine, java.util.concurrent.Semaphore theirs,
                                  List<String> seen) {
        for (int i = 0; i < 400; i++) {
            mine.acquireUninterruptibly();
            seen.add(p.pick(PickContext.NONE).id());
            theirs.release();
        }
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
