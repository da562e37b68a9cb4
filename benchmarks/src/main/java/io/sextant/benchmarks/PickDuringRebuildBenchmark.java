package io.sextant.benchmarks;

import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.PickContext;
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
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Pick latency while the cache publishes a new snapshot 10 times a second (one instance leaves,
 * or comes back, each time) and the balancer rebuilds its picker for each: the latency
 * distribution of {@link Balancer#pick} (JMH {@code SampleTime}: read p0.999, p0.9999 and max) with
 * builds of {@link #instances} instances under way. Two threads pick from the one balancer; a third
 * publishes, as a cache's event thread would, so the listener's work runs there.
 *
 * <p>Picks that wait for a build take as long as the build (milliseconds for the weighted round
 * robin schedule or a Maglev table); picks that use the last published picker stay at nanoseconds.
 * JMH samples a subset of calls, so a rare stall may or may not be among the samples: compare the
 * upper percentiles and the max over a few runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PickDuringRebuildBenchmark {
    @Param({"weighted-round-robin", "maglev"})
    public String strategy;

    @Param({"2000"})
    public int instances;

    /** Snapshots published per second. */
    @Param({"10"})
    public int publishesPerSecond;

    private Balancer balancer;
    private Thread publisher;
    private volatile boolean running;

    @Setup(Level.Trial)
    public void setUp() {
        StaticServiceCache cache = new StaticServiceCache();
        InstanceSet all = StaticServiceCache.instances(instances, -1, 1);
        cache.publish(all);
        balancer = Balancer.builder(cache).strategy(strategy).build();
        running = true;
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / publishesPerSecond;
        publisher = new Thread(() -> {
            long revision = 2;
            long next = System.nanoTime();
            while (running) {
                next += periodNanos;
                LockSupport.parkNanos(next - System.nanoTime());
                int skip = (revision & 1) == 0 ? (int) (revision % instances) : -1;
                cache.publish(StaticServiceCache.instances(instances, skip, revision++));
            }
        }, "cache-events");
        publisher.setDaemon(true);
        publisher.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        running = false;
        publisher.join(5_000);
        balancer.close();
    }

    @Benchmark
    @Threads(2)
    public ServiceInstance pick() {
        return balancer.pick(PickContext.NONE);
    }
}
