package io.sextant.benchmarks;

import io.sextant.balancer.Balancer;
import io.sextant.InstanceSet;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * How long the balancer takes to rebuild its picker for a new snapshot of 1000 instances (one
 * leaves, or comes back, each time): the work done on the cache's event thread, off the pick path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RebuildBenchmark {
    @Param({"round-robin", "weighted-round-robin", "weighted-random", "ring-hash", "maglev", "rendezvous"})
    public String strategy;

    private StaticServiceCache cache;
    private Balancer balancer;
    private InstanceSet all;
    private InstanceSet oneLess;
    private boolean flip;

    @Setup(Level.Trial)
    public void setUp() {
        cache = new StaticServiceCache();
        all = StaticServiceCache.instances(1000, -1, 1);
        oneLess = StaticServiceCache.instances(1000, 500, 2);
        cache.publish(all);
        balancer = Balancer.builder(cache).strategy(strategy).build();
    }

    @Benchmark
    public ServiceInstance publishAndPick() {
        flip = !flip;
        cache.publish(flip ? oneLess : all);
        return balancer.pick(PickContext.NONE);
    }
}
