package io.sextant.balancer.internal;

import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pickers are built off the request path and published when ready: a pick never waits for a
 * build, and a burst of snapshots is built once, from the newest.
 */
@Timeout(30)
class PickerPublicationTest {
    private final TestServiceCache cache = new TestServiceCache(Fixtures.SERVICE);
    private final ExecutorService threads = Executors.newFixedThreadPool(3);
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch gatedBuildStarted = new CountDownLatch(1);
    private final List<InstanceSet> built = new CopyOnWriteArrayList<>();

    /** Builds pickers that return their first candidate; a build over "b-" instances waits for the gate. */
    private final Strategy gated = new Strategy() {
        @Override
        public Picker newPicker(Candidates candidates) {
            built.add(candidates.set());
            if (candidates.get(0).id().startsWith("b-")) {
                gatedBuildStarted.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ServiceInstance first = candidates.get(0);
            return context -> first;
        }
    };

    @AfterEach
    void stop() {
        gate.countDown();
        threads.shutdownNow();
    }

    private DefaultBalancer balancer(BalancerOptions options) {
        return new DefaultBalancer(cache, "gated", gated, options.withRandom(Fixtures.random(5)));
    }

    @Test
    void aPickNeverWaitsForAPickerBeingBuilt() throws Exception {
        ExecutorService rebuilds = Executors.newSingleThreadExecutor();
        try {
            cache.publish(Fixtures.instances("a-", 0, 3));
            DefaultBalancer b = balancer(BalancerOptions.DEFAULT.withRebuildExecutor(rebuilds));
            threads.execute(() -> cache.publish(Fixtures.instances("b-", 0, 3))); // the cache's event thread
            assertThat(gatedBuildStarted.await(10, TimeUnit.SECONDS)).isTrue();

            // The build for b- is stuck; picks on other threads keep using the a- picker.
            CompletableFuture<ServiceInstance> pick = CompletableFuture.supplyAsync(() -> b.pick(PickContext.NONE), threads);
            CompletableFuture<ServiceInstance> tracked = CompletableFuture.supplyAsync(() -> {
                var t = b.start(PickContext.NONE);
                t.success();
                return t.instance();
            }, threads);
            assertThat(pick.get(5, TimeUnit.SECONDS).id()).isEqualTo("a-0");
            assertThat(tracked.get(5, TimeUnit.SECONDS).id()).isEqualTo("a-0");

            gate.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> b.pick(PickContext.NONE).id().equals("b-0"));
        } finally {
            rebuilds.shutdownNow();
        }
    }

    @Test
    void aBurstOfSnapshotsIsBuiltOnceFromTheNewest() {
        Queue<Runnable> queued = new ArrayDeque<>();
        cache.publish(Fixtures.instances("a-", 0, 3));
        DefaultBalancer b = balancer(BalancerOptions.DEFAULT.withRebuildExecutor(queued::add));
        built.clear();
        InstanceSet last = null;
        for (int g = 0; g < 5; g++) {
            last = cache.publish(Fixtures.instances("c" + g + "-", 0, 3));
        }
        assertThat(built).as("nothing built on the cache's thread").isEmpty();
        assertThat(b.pick(PickContext.NONE).id()).as("the previous picker serves meanwhile").isEqualTo("a-0");
        assertThat(queued).hasSize(1);
        queued.poll().run();
        assertThat(built).containsExactly(last);
        assertThat(b.pick(PickContext.NONE).id()).isEqualTo("c4-0");
        assertThat(queued).isEmpty();
    }

    @Test
    void withNothingToServeAPickBuildsRatherThanFails() {
        Queue<Runnable> queued = new ArrayDeque<>();
        DefaultBalancer b = balancer(BalancerOptions.DEFAULT.withRebuildExecutor(queued::add));
        cache.publishSilently(Fixtures.instances("a-", 0, 3));
        assertThat(b.pick(PickContext.NONE).id()).isEqualTo("a-0");
    }
}
