package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sextant.balancer.internal.HashingFixture.map;
import static io.sextant.balancer.internal.HashingFixture.minus;
import static io.sextant.balancer.internal.HashingFixture.movedShare;
import static io.sextant.balancer.internal.HashingFixture.plus;
import static org.assertj.core.api.Assertions.assertThat;

/** Disruption, balance and agreement of ring, rendezvous and Maglev hashing for 10, 100 and 1000 instances. */
class ConsistentHashingTest {
    private static final int VNODES = 160;
    private static final int KEYS = 200_000;

    private static Strategy ring() {
        return new RingHashStrategy(Fixtures.random(1), VNODES);
    }

    private static Strategy rendezvous() {
        return new RendezvousStrategy(Fixtures.random(1));
    }

    private static Strategy maglev() {
        return new MaglevStrategy(Fixtures.random(1), 65_537);
    }

    /** Four standard deviations of a share p measured over k sampled keys. */
    private static double sampling(double p, int k) {
        return 4 * Math.sqrt(p / k);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void ringMovesAboutOneNthOnJoinOrLeave(int n) {
        List<ServiceInstance> base = Fixtures.instances(n);
        PickContext[] keys = HashingFixture.keys(KEYS, n);
        String[] before = map(ring(), base, keys);
        String[] joined = map(ring(), plus(base, Fixtures.instance("joiner")), keys);
        String[] left = map(ring(), minus(base, 3), keys);
        // An instance's share of the ring is a sum of VNODES arcs: relative spread 1/sqrt(VNODES) = 8%;
        // allow 3 of those plus key-sampling noise.
        double bound = (1.0 / n) * (1 + 3 / Math.sqrt(VNODES)) + sampling(1.0 / n, KEYS);
        assertThat(movedShare(before, joined)).isLessThanOrEqualTo(bound);
        assertThat(movedShare(before, left)).isLessThanOrEqualTo(bound);
        assertOnlyTheChangedInstanceIsInvolved(before, joined, left, "joiner", "i-3");
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void rendezvousMovesAboutOneNthOnJoinOrLeave(int n) {
        int k = n == 1000 ? 50_000 : KEYS; // O(n) per pick
        List<ServiceInstance> base = Fixtures.instances(n);
        PickContext[] keys = HashingFixture.keys(k, n);
        String[] before = map(rendezvous(), base, keys);
        String[] joined = map(rendezvous(), plus(base, Fixtures.instance("joiner")), keys);
        String[] left = map(rendezvous(), minus(base, 3), keys);
        // HRW gives each instance exactly 1/n in expectation: only key-sampling noise remains.
        double bound = 1.0 / n + sampling(1.0 / n, k);
        assertThat(movedShare(before, joined)).isLessThanOrEqualTo(bound);
        assertThat(movedShare(before, left)).isLessThanOrEqualTo(bound);
        assertOnlyTheChangedInstanceIsInvolved(before, joined, left, "joiner", "i-3");
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void maglevMovesLittleOnJoinOrLeave(int n) {
        List<ServiceInstance> base = Fixtures.instances(n);
        PickContext[] keys = HashingFixture.keys(KEYS, n);
        String[] before = map(maglev(), base, keys);
        String[] joined = map(maglev(), plus(base, Fixtures.instance("joiner")), keys);
        String[] left = map(maglev(), minus(base, 3), keys);
        // Maglev trades disruption for balance: a change re-orders the slot claims after it. Measured
        // here with M = 65537: 0.94/n and 1.05/n at n = 10, 1.56/n at n = 100, but 6.5-6.7/n at n = 1000,
        // where M/n is only 65 (the paper asks for M > 100 n; M = 655373 gives 4.0-4.4/n at n = 1000).
        // So: at most 2/n while M/n >= 100, and at most 8/n at n = 1000 with the default table.
        double bound = (n * 100 <= 65_537 ? 2.0 : 8.0) / n + sampling(1.0 / n, KEYS);
        assertThat(movedShare(before, joined)).isLessThanOrEqualTo(bound);
        assertThat(movedShare(before, left)).isLessThanOrEqualTo(bound);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void maglevTableIsBalancedWithinFivePercent(int n) {
        ServiceInstance[] table = MaglevTable.build(Fixtures.candidates(Fixtures.instances(n)), 65_537);
        Map<String, Integer> slots = new HashMap<>();
        for (ServiceInstance s : table) {
            slots.merge(s.id(), 1, Integer::sum);
        }
        assertThat(slots).hasSize(n);
        int max = slots.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(max / (65_537.0 / n)).isLessThanOrEqualTo(1.05);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void ringOwnershipIsBalanced(int n) {
        HashRing ring = HashRing.build(Fixtures.candidates(Fixtures.instances(n)), VNODES);
        double[] share = ring.ownership(n);
        double max = 0;
        double min = 1;
        double sum = 0;
        for (double s : share) {
            max = Math.max(max, s);
            min = Math.min(min, s);
            sum += s;
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        // Shares are Gamma(VNODES)/VNODES distributed (sd 7.9%); the largest of 1000 sits near +3.7 sd
        // (1.29 with the skew), the smallest near -3.3 sd. Bounds: max/avg <= 1.40, min/avg >= 0.65.
        assertThat(max * n).isLessThanOrEqualTo(1.40);
        assertThat(min * n).isGreaterThanOrEqualTo(0.65);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void rendezvousIsBalanced(int n) {
        int k = n == 1000 ? 50_000 : KEYS;
        String[] mapping = map(rendezvous(), Fixtures.instances(n), HashingFixture.keys(k, 7));
        // Each count is Binomial(k, 1/n): allow the average plus 5 standard deviations.
        double avg = (double) k / n;
        assertThat(HashingFixture.maxOverAverage(mapping, n)).isLessThanOrEqualTo(1 + 5 / Math.sqrt(avg));
    }

    @Test
    void weightedStrategiesFollowWeights() {
        List<ServiceInstance> list = List.of(Fixtures.instance("a", 100), Fixtures.instance("b", 300),
                Fixtures.instance("c", 600));
        PickContext[] keys = HashingFixture.keys(KEYS, 3);
        for (Strategy s : List.of(ring(), rendezvous(), maglev())) {
            Map<String, Integer> counts = new HashMap<>();
            for (String id : map(s, list, keys)) {
                counts.merge(id, 1, Integer::sum);
            }
            assertThat(counts.get("a") / (double) KEYS).as(s.getClass().getSimpleName()).isBetween(0.08, 0.12);
            assertThat(counts.get("b") / (double) KEYS).as(s.getClass().getSimpleName()).isBetween(0.27, 0.33);
            assertThat(counts.get("c") / (double) KEYS).as(s.getClass().getSimpleName()).isBetween(0.56, 0.64);
        }
    }

    @Test
    void pickersBuiltFromDifferentOrdersAgreeOnEveryKey() {
        List<ServiceInstance> list = Fixtures.instances(300);
        PickContext[] keys = HashingFixture.keys(50_000, 11);
        List<Strategy> strategies = List.of(ring(), rendezvous(), maglev(),
                new BoundedLoadStrategy(Fixtures.random(1), VNODES, 1.25));
        for (Strategy s : strategies) {
            Picker p1 = s.newPicker(Fixtures.shuffled(list, 1));
            Picker p2 = s.newPicker(Fixtures.shuffled(list, 2));
            for (PickContext key : keys) {
                assertThat(p1.pick(key).id()).as(s.getClass().getSimpleName()).isEqualTo(p2.pick(key).id());
            }
        }
        Strategy source = MaglevStrategy.bySourceAddress(Fixtures.random(1), 65_537);
        Picker s1 = source.newPicker(Fixtures.shuffled(list, 3));
        Picker s2 = source.newPicker(Fixtures.shuffled(list, 4));
        for (int i = 0; i < 10_000; i++) {
            PickContext ctx = PickContext.NONE.withSourceAddress("10.1." + (i >> 8) + "." + (i & 255));
            assertThat(s1.pick(ctx).id()).isEqualTo(s2.pick(ctx).id());
        }
    }

    private static void assertOnlyTheChangedInstanceIsInvolved(String[] before, String[] joined, String[] left,
                                                               String joiner, String leaver) {
        for (int i = 0; i < before.length; i++) {
            if (!before[i].equals(joined[i])) {
                assertThat(joined[i]).isEqualTo(joiner);
            }
            if (!before[i].equals(left[i])) {
                assertThat(before[i]).isEqualTo(leaver);
            }
        }
    }
}
