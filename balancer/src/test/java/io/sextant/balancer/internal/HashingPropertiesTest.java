package io.sextant.balancer.internal;

import io.sextant.balancer.spi.Hashing;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the hash-based strategies over random sets and keys. */
class HashingPropertiesTest {

    private static List<Strategy> strategies() {
        return List.of(new RingHashStrategy(Fixtures.random(1), 40), new RendezvousStrategy(Fixtures.random(1)),
                new MaglevStrategy(Fixtures.random(1), 4099));
    }

    @Provide
    Arbitrary<List<String>> ids() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-.").ofMinLength(1).ofMaxLength(20)
                .list().uniqueElements().ofMinSize(2).ofMaxSize(40);
    }

    private static List<ServiceInstance> instances(List<String> ids) {
        List<ServiceInstance> out = new ArrayList<>();
        for (String id : ids) {
            out.add(Fixtures.instance(id));
        }
        return out;
    }

    @Property(tries = 60)
    void sameKeySameInstanceWhateverTheBuildOrder(@ForAll("ids") List<String> ids,
                                                  @ForAll @Size(min = 1, max = 30) List<String> keys,
                                                  @ForAll long shuffleSeed) {
        List<ServiceInstance> list = instances(ids);
        List<ServiceInstance> shuffled = new ArrayList<>(list);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        for (Strategy s : strategies()) {
            Picker a = s.newPicker(Fixtures.candidates(list));
            Picker b = s.newPicker(Fixtures.candidates(shuffled));
            for (String key : keys) {
                PickContext ctx = PickContext.ofKey(key);
                assertThat(a.pick(ctx).id()).isEqualTo(b.pick(ctx).id()).isEqualTo(a.pick(ctx).id());
            }
        }
    }

    @Property(tries = 60)
    void removingAnInstanceMovesOnlyItsKeysOnRingAndRendezvous(@ForAll("ids") List<String> ids,
                                                               @ForAll @IntRange(min = 0, max = 39) int victim,
                                                               @ForAll @Size(min = 1, max = 50) List<String> keys) {
        List<ServiceInstance> list = instances(ids);
        List<ServiceInstance> fewer = new ArrayList<>(list);
        ServiceInstance removed = fewer.remove(victim % list.size());
        for (Strategy s : strategies().subList(0, 2)) {
            Picker before = s.newPicker(Fixtures.candidates(list));
            Picker after = s.newPicker(Fixtures.candidates(fewer));
            for (String key : keys) {
                PickContext ctx = PickContext.ofKey(key);
                String was = before.pick(ctx).id();
                String now = after.pick(ctx).id();
                if (!was.equals(removed.id())) {
                    assertThat(now).isEqualTo(was);
                }
            }
        }
    }

    @Property(tries = 500)
    void portableLogMatchesMathLog(@ForAll long hash) {
        double u = Hashing.unit(hash);
        for (long edge : new long[]{-1L, 0L}) {
            double e = Hashing.unit(edge);
            assertThat(e).isStrictlyBetween(0.0, 1.0);
            assertThat(Hashing.negLog(e)).isCloseTo(-Math.log(e), org.assertj.core.data.Percentage.withPercentage(1e-6));
        }
        assertThat(Hashing.negLog(u)).isCloseTo(-Math.log(u), org.assertj.core.data.Percentage.withPercentage(1e-6));
    }

    @Property(tries = 200)
    void keyHashesAreStableAndSpread(@ForAll String key) {
        long h = Hashing.hash(key);
        assertThat(Hashing.hash(new String(key.toCharArray()))).isEqualTo(h);
        assertThat(Hashing.reduce(h, 7)).isBetween(0, 6);
        assertThat(Hashing.unit(h)).isStrictlyBetween(0.0, 1.0);
    }

    /** The bound rendezvous prunes with: the computed −ln(u) stays above (1 − u) within 1e-8, well inside its 1e-6 margin. */
    @Property(tries = 2000)
    void negLogIsAtLeastOneMinusU(@ForAll long hash) {
        for (long h : new long[] {hash, hash >>> 1, hash | 0xFFFF_F000_0000_0000L, hash & 0xFFFL, -1L}) {
            double u = Hashing.unit(h);
            assertThat(Hashing.negLog(u)).isGreaterThanOrEqualTo((1 - u) * (1 - 1e-8));
        }
    }
}
