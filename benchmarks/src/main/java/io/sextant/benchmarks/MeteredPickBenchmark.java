package io.sextant.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sextant.ServiceInstance;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.PickContext;
import io.sextant.micrometer.BalancerMetrics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * The cost of Micrometer meters on {@link Balancer#pick}, 1000 instances:
 * {@code plain} (no binder), {@code bound} (a {@link BalancerMetrics} bound, picks made on the original
 * balancer), {@code measured} (picks through {@link BalancerMetrics#measured()}, picks per instance off) and
 * {@code picks} (measured, with a pick counter per instance). Run with {@code -prof gc} for bytes per pick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MeteredPickBenchmark {
    @Param({"round-robin", "maglev"})
    public String strategy;

    @Param({"plain", "bound", "measured", "picks"})
    public String meters;

    @Param({"1000"})
    public int instances;

    private Balancer target;
    private BalancerMetrics metrics;
    private PickContext[] contexts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        StaticServiceCache cache = new StaticServiceCache();
        cache.publish(StaticServiceCache.instances(instances, -1, 1, true));
        Balancer balancer = Balancer.builder(cache).strategy(strategy).build();
        target = balancer;
        if (!meters.equals("plain")) {
            metrics = BalancerMetrics.of(balancer, cache).withPicksPerInstance(meters.equals("picks"));
            metrics.bindTo(new SimpleMeterRegistry());
            if (!meters.equals("bound")) {
                target = metrics.measured();
            }
        }
        contexts = new PickContext[1024];
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = PickContext.ofKey("user-" + i);
        }
        for (int i = 0; i < 100_000; i++) { // every instance's counter exists before measuring
            target.pick(contexts[i & 1023]);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (metrics != null) {
            metrics.close();
        }
    }

    @Benchmark
    public ServiceInstance pick() {
        return target.pick(contexts[next++ & 1023]);
    }
}
