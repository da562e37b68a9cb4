package io.sextant.balancer.internal;

import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.InstanceSet;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.StrategyRegistry;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads pick while the cache publishes new snapshots. Generation g holds ids g-0..g-4 and
 * (g-1)-0..(g-1)-4, so every snapshot shares half its instances with the one before. A pick must
 * never throw and must return an instance of a snapshot published before the pick ended. Picks do
 * not wait for builds, so a pick may use an older picker while a build is under way (here a
 * builder preempted on the shared cores lets the publisher run ahead); once publishing stops, the
 * newest snapshot's picker is in use.
 */
@Timeout(60)
class BalancerConcurrencyTest {
    private static final int GENERATIONS = 150;
    private static final int THREADS = 3;

    static Set<String> names() {
        return StrategyRegistry.getDefault().names();
    }

    private static List<ServiceInstance> generation(int g) {
        List<ServiceInstance> out = new ArrayList<>(Fixtures.instances("g" + g + "-", 0, 5));
        if (g > 0) {
            out.addAll(Fixtures.instances("g" + (g - 1) + "-", 0, 5));
        }
        return out;
    }

    private static int generationOf(String id) {
        return Integer.parseInt(id.substring(1, id.indexOf('-')));
    }

    @ParameterizedTest
    @MethodSource("names")
    void picksStayWithinTheCurrentOrPreviousSnapshot(String strategy) throws Exception {
        TestServiceCache cache = new TestServiceCache(Fixtures.SERVICE);
        cache.publish(generation(0));
        Balancer b = Balancer.builder(cache).strategy(strategy)
                .options(BalancerOptions.DEFAULT.withRebuildExecutor(Runnable::run).withMaglevTableSize(4099)).build();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int seed = t;
            Thread thread = new Thread(() -> {
                started.countDown();
                long picks = 0;
                while (!stop.get() || picks < 1000) {
                    InstanceSet before = cache.snapshot();
                    try {
                        PickContext ctx = PickContext.ofKey("k" + (picks % 97)).withZone("").withSourceAddress("10.0.0." + seed);
                        ServiceInstance s = (picks & 1) == 0 ? b.pick(ctx) : trackedPick(b, ctx);
                        long after = cache.snapshot().revision();
                        int g = generationOf(s.id());
                        // Revision r holds generations r-1 and r-2: nothing newer than what was published.
                        if (g < 0 || g > after - 1) {
                            problems.add(s.id() + " picked between revisions " + before.revision() + " and " + after);
                        }
                    } catch (RuntimeException e) {
                        problems.add(e.toString());
                    }
                    if ((++picks & 63) == 0) {
                        Thread.yield(); // two shared cores: let the publisher run
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        started.await();
        for (int g = 1; g < GENERATIONS; g++) {
            cache.publish(generation(g));
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
        }
        assertThat(problems).isEmpty();
        assertThat(generationOf(b.pick(PickContext.ofKey("x")).id())).isGreaterThanOrEqualTo(GENERATIONS - 2);
    }

    private static ServiceInstance trackedPick(Balancer b, PickContext ctx) {
        var t = b.start(ctx);
        t.success();
        return t.instance();
    }
}
