package io.sextant.benchmarks;

import org.apache.curator.x.discovery.ProviderStrategy;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.InstanceProvider;
import org.apache.curator.x.discovery.strategies.RandomStrategy;
import org.apache.curator.x.discovery.strategies.RoundRobinStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Curator x-discovery's {@code RoundRobinStrategy} and {@code RandomStrategy} picking over 1000
 * instances, in the same run as {@link PickBenchmark}. No ZooKeeper: an {@link InstanceProvider}
 * feeds the strategy.
 * <ul>
 * <li>{@code provider=list}: the provider returns one prebuilt list, so only the strategy is measured.</li>
 * <li>{@code provider=cache-copy}: the provider copies the values of a concurrent map per call, as
 * x-discovery's {@code ServiceCacheImpl.getInstances()} does ({@code Lists.newArrayList(instances.values())});
 * {@code ServiceProviderImpl} adds a filtering copy on top, not included here.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CuratorPickBenchmark {
    @Param({"round-robin", "random"})
    public String strategy;

    @Param({"list", "cache-copy"})
    public String provider;

    @Param({"1000"})
    public int instances;

    private ProviderStrategy<Void> curatorStrategy;
    private InstanceProvider<Void> instanceProvider;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<ServiceInstance<Void>> list = new ArrayList<>(instances);
        ConcurrentMap<String, ServiceInstance<Void>> map = new ConcurrentHashMap<>();
        for (int i = 0; i < instances; i++) {
            ServiceInstance<Void> s = ServiceInstance.<Void>builder().name(StaticServiceCache.SERVICE)
                    .id(String.format("b-%04d", i)).address("10.0." + (i >> 8) + "." + (i & 255)).port(8080).build();
            list.add(s);
            map.put(s.getId(), s);
        }
        List<ServiceInstance<Void>> fixed = List.copyOf(list);
        instanceProvider = provider.equals("list") ? () -> fixed : () -> new ArrayList<>(map.values());
        curatorStrategy = strategy.equals("round-robin") ? new RoundRobinStrategy<>() : new RandomStrategy<>();
    }

    @Benchmark
    public ServiceInstance<Void> pick() throws Exception {
        return curatorStrategy.getInstance(instanceProvider);
    }
}
