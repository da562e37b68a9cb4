package io.sextant.balancer.internal;

import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Picker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The memoized, pruned rendezvous picker maps every key exactly as the plain scan does. */
@Timeout(60)
class RendezvousStrategyTest {
    private static final int KEYS = 20_000;

    private static List<ServiceInstance> weighted(String prefix, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<ServiceInstance> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Fixtures.instance(prefix + i, 1 + r.nextInt(i % 7 == 0 ? ServiceInstance.MAX_WEIGHT : 200)));
        }
        return out;
    }

    /** Picks each key twice (a miss, then a hit) and in a second pass, all against the reference. */
    private static void assertMatchesReference(Picker picker, List<ServiceInstance> instances, PickContext[] keys) {
        for (int pass = 0; pass < 2; pass++) {
            for (PickContext key : keys) {
                String expected = RendezvousReference.pick(instances, key);
                assertThat(picker.pick(key).id()).as("key %s", key.key()).isEqualTo(expected);
                assertThat(picker.pick(key).id()).as("key %s again", key.key()).isEqualTo(expected);
            }
        }
    }

    @Test
    void weightedPicksMatchThePlainScan() {
        List<ServiceInstance> list = weighted("w-", 1000, 3);
        Picker picker = new RendezvousStrategy(Fixtures.random(1)).newPicker(Fixtures.shuffled(list, 5));
        assertMatchesReference(picker, list, HashingFixture.keys(KEYS / 10, 21));
    }

    @Test
    void extremeWeightsMatchThePlainScan() {
        List<ServiceInstance> list = List.of(Fixtures.instance("tiny", 1), Fixtures.instance("huge", ServiceInstance.MAX_WEIGHT),
                Fixtures.instance("mid", 37), Fixtures.instance("also-tiny", 1));
        Picker picker = new RendezvousStrategy(Fixtures.random(1)).newPicker(Fixtures.candidates(list));
        assertMatchesReference(picker, list, HashingFixture.keys(KEYS, 22));
    }

    @Test
    void equalWeightPicksMatchThePlainScan() {
        List<ServiceInstance> list = Fixtures.instances(500);
        Picker picker = new RendezvousStrategy(Fixtures.random(1)).newPicker(Fixtures.shuffled(list, 6));
        assertMatchesReference(picker, list, HashingFixture.keys(KEYS / 5, 23));
    }

    @Test
    void setsTooLargeForAMemoStillMatchThePlainScan() {
        List<ServiceInstance> list = weighted("big-", RendezvousMemo.MAX_CANDIDATES + 1, 7);
        Picker picker = new RendezvousStrategy(Fixtures.random(1)).newPicker(Fixtures.candidates(list));
        assertMatchesReference(picker, list, HashingFixture.keys(20, 27));
    }

    @Test
    void aNewSnapshotNeverAnswersFromTheOldMemo() {
        RendezvousStrategy strategy = new RendezvousStrategy(Fixtures.random(1));
        List<ServiceInstance> before = weighted("i-", 300, 4);
        PickContext[] keys = HashingFixture.keys(KEYS / 4, 24);
        Picker old = strategy.newPicker(Fixtures.candidates(before));
        for (PickContext key : keys) {
            old.pick(key); // fill the old picker's memo
        }
        // Remove every fifth instance, reweigh another and add one: many keys must move.
        List<ServiceInstance> after = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (i % 5 != 0) {
                after.add(i == 7 ? Fixtures.instance(before.get(i).id(), 10_000) : before.get(i));
            }
        }
        after.add(Fixtures.instance("joiner", 150));
        Picker next = strategy.newPicker(Fixtures.shuffled(after, 9));
        int moved = 0;
        for (PickContext key : keys) {
            String expected = RendezvousReference.pick(after, key);
            moved += old.pick(key).id().equals(expected) ? 0 : 1;
            assertThat(next.pick(key).id()).isEqualTo(expected);
            assertThat(next.pick(key).id()).isEqualTo(expected);
        }
        assertThat(moved).as("keys whose instance changed").isGreaterThan(keys.length / 10);
    }

    @Test
    void throughTheBalancerRemovedInstancesAreNeverPickedAfterTwoChanges() {
        TestServiceCache cache = new TestServiceCache(Fixtures.SERVICE);
        BalancerOptions options = BalancerOptions.DEFAULT.withRandom(Fixtures.random(1)).withRebuildExecutor(Runnable::run);
        List<ServiceInstance> first = weighted("i-", 200, 5);
        cache.publish(first);
        Balancer balancer = Balancer.builder(cache).strategy("rendezvous").options(options).build();
        PickContext[] keys = HashingFixture.keys(4000, 25);
        for (PickContext key : keys) {
            assertThat(balancer.pick(key).id()).isEqualTo(RendezvousReference.pick(first, key));
        }
        List<ServiceInstance> second = first.subList(50, 200);
        cache.publish(second);
        List<ServiceInstance> third = new ArrayList<>(first.subList(100, 200));
        third.add(Fixtures.instance("late", 90));
        cache.publish(third);
        for (PickContext key : keys) {
            assertThat(balancer.pick(key).id()).isEqualTo(RendezvousReference.pick(third, key));
        }
    }

    @Test
    void concurrentPicksAllMatchThePlainScan() throws Exception {
        List<ServiceInstance> list = weighted("c-", 200, 6);
        Picker picker = new RendezvousStrategy(Fixtures.random(1)).newPicker(Fixtures.candidates(list));
        PickContext[] keys = HashingFixture.keys(3000, 26);
        String[] expected = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            expected[i] = RendezvousReference.pick(list, keys[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int offset = t * 1000;
                tasks.add(() -> {
                    int wrong = 0;
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < keys.length; i++) {
                            int k = (i + offset) % keys.length;
                            wrong += picker.pick(keys[k]).id().equals(expected[k]) ? 0 : 1;
                        }
                    }
                    return wrong;
                });
            }
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
