package io.sextant.benchmarks.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.sextant.Registry;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.grpc.SextantNameResolverProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One unary RPC over loopback to three in-JVM Netty servers resolved through {@code sextant:///}
 * (in-memory registry), under gRPC's own {@code round_robin} and under the {@code sextant} policy
 * with several strategies: the difference is the policy's per-RPC overhead (picker, stream tracer
 * feeding latency, in-flight counts and breakers). A blocking call per operation, one thread; every
 * variant sends an {@code x-key} header (1024 values), which only {@code maglev} hashes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GrpcPolicyBenchmark {

    @Param({"round_robin", "sextant:round-robin", "sextant:weighted-round-robin", "sextant:p2c-peak-ewma",
            "sextant:maglev"})
    public String policy;

    private Registry registry;
    private SextantNameResolverProvider provider;
    private final List<Server> servers = new ArrayList<>();
    private ManagedChannel managed;
    private Channel channel;
    private int key;
    private Metadata.Key<String> header;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        registry = Registry.open(SextantConfig.builder().backend("memory").set("sextant.memory.server", "grpc-bench").build());
        provider = SextantNameResolverProvider.builder().registry(registry).build().register();
        for (String name : List.of("a", "b", "c")) {
            Server s = Hello.start(name);
            servers.add(s);
            registry.register(ServiceInstance.builder("bench").id(name).host("127.0.0.1").port(s.getPort()).build());
        }
        String lb;
        if (policy.equals("round_robin")) {
            lb = "{\"round_robin\":{}}";
        } else {
            String strategy = policy.substring("sextant:".length());
            lb = "{\"sextant\":{\"strategy\":\"" + strategy + "\""
                    + (strategy.equals("maglev") ? ",\"hashHeader\":\"x-key\"" : "") + "}}";
        }
        Map<String, ?> config = Map.of("loadBalancingConfig", List.of(parseObject(lb)));
        managed = NettyChannelBuilder.forTarget("sextant:///bench").usePlaintext().defaultServiceConfig(config).build();
        channel = managed;
        header = Metadata.Key.of("x-key", Metadata.ASCII_STRING_MARSHALLER); // sent by every variant, read by maglev
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000 && seen.size() < 3; i++) {
            seen.add(call());
        }
        if (seen.size() < 3) {
            throw new IllegalStateException("the channel reached only " + seen);
        }
    }

    private static Map<String, ?> parseObject(String json) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, ?> m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
        return m;
    }

    private String call() {
        Metadata m = new Metadata();
        m.put(header, "user-" + (key++ & 1023));
        return Hello.call(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(m)),
                CallOptions.DEFAULT);
    }

    @Benchmark
    public String unaryCall() {
        return call();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        managed.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        for (Server s : servers) {
            s.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        provider.deregister();
        registry.close();
    }
}
