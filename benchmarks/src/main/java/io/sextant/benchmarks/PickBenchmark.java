package io.sextant.benchmarks;

import io.sextant.balancer.Balancer;
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
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.TimeUnit;

/**
 * One {@link Balancer#pick} over 1000 instances per strategy. Contexts (key, source address, zone)
 * are built once, as an application would keep them; the benchmark cycles through {@link #keys} of them
 * (1024 by default: few enough that a per-picker memo, as rendezvous has, holds them all; run with
 * {@code -p keys=1048576} to see picks whose key is mostly not remembered). Run with {@code -prof gc} for
 * bytes allocated per pick.
 *
 * <p>One balancer is shared by every benchmark thread: {@link #pick} runs on one thread,
 * {@link #pickTwoThreads} on two picking from the same balancer at once (what a shared counter or
 * memo costs under contention). Each thread walks the contexts from its own offset.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PickBenchmark {
    @Param({"round-robin", "random", "weighted-round-robin", "weighted-random", "least-in-flight", "p2c-peak-ewma",
            "ring-hash", "rendezvous", "maglev", "bounded-load", "source-hash", "zone-aware", "sticky"})
    public String strategy;

    @Param({"1000"})
    public int instances;

    /** {@code varied}: weights 20..200; {@code equal}: all 100 (run with {@code -p weights=equal}). */
    @Param({"varied"})
    public String weights;

    /** How many distinct pick contexts (keys) the benchmark cycles through; a power of two. */
    @Param({"1024"})
    public int keys;

    private Balancer balancer;
    private PickContext[] contexts;
    private int mask;

    @Setup(Level.Trial)
    public void setUp() {
        StaticServiceCache cache = new StaticServiceCache();
        cache.publish(StaticServiceCache.instances(instances, -1, 1, weights.equals("varied")));
        balancer = Balancer.builder(cache).strategy(strategy).build();
        if (Integer.bitCount(keys) != 1) {
            throw new IllegalArgumentException("keys must be a power of two, was " + keys);
        }
        contexts = new PickContext[keys];
        mask = keys - 1;
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = PickContext.ofKey("user-" + i).withSourceAddress("192.168." + (i >> 8) + "." + (i & 255))
                    .withZone("zone-" + (i % 3));
        }
    }

    /** A thread's position in the contexts; threads start apart so they do not pick the same keys in step. */
    @State(Scope.Thread)
    public static class Cursor {
        private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();
        int next = THREADS.getAndIncrement() * 7919;
    }

    @Benchmark
    public ServiceInstance pick(Cursor cursor) {
        return balancer.pick(contexts[cursor.next++ & mask]);
    }

    @Benchmark
    @Threads(2)
    public ServiceInstance pickTwoThreads(Cursor cursor) {
        return balancer.pick(contexts[cursor.next++ & mask]);
    }
}
