package io.sextant.balancer.internal;

import io.sextant.balancer.BalancerOptions;
import io.sextant.InstanceStatus;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A strategy whose picker build fails never makes picks throw or rebuild on every call. */
@Timeout(30)
class FailingStrategyTest {
    private final TestServiceCache cache = new TestServiceCache(Fixtures.SERVICE);
    private final BalancerOptions options = BalancerOptions.DEFAULT.withRandom(Fixtures.random(1))
            .withRebuildExecutor(Runnable::run);
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger builds = new AtomicInteger();

    private final Strategy flaky = candidates -> {
        builds.incrementAndGet();
        if (failing.get()) {
            throw new IllegalStateException("strategy bug");
        }
        return context -> candidates.get(0);
    };

    @Test
    void picksKeepWorkingOverTheNewCandidatesWhenABuildFails() {
        cache.publish(Fixtures.instances(3));
        DefaultBalancer b = new DefaultBalancer(cache, "flaky", flaky, options);
        assertThat(b.pick(PickContext.NONE).id()).isEqualTo("i-0");
        failing.set(true);
        // The listener has not run (as when the cache's listener thread is late): picks notice the change.
        cache.publishSilently(List.of(Fixtures.instance("i-1", null, InstanceStatus.DRAINING), Fixtures.instance("i-2"),
                Fixtures.instance("i-3")));
        int before = builds.get();
        for (int i = 0; i < 200; i++) {
            ServiceInstance picked = b.pick(PickContext.ofKey("k" + i));
            assertThat(picked.id()).isIn("i-2", "i-3");
        }
        assertThat(builds.get() - before).as("failed builds retried per pick").isLessThanOrEqualTo(1);
        failing.set(false);
        cache.publish(List.of(Fixtures.instance("i-3"), Fixtures.instance("i-2")));
        String first = b.pick(PickContext.NONE).id();
        for (int i = 0; i < 30; i++) {
            assertThat(b.pick(PickContext.NONE).id()).as("the strategy's picker again, not random").isEqualTo(first);
        }
    }
}
