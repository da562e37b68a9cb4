package io.sextant.benchmarks.grpc;

import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.ClientStreamTracer;
import io.grpc.ConnectivityState;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.LoadBalancerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.sextant.ServiceInstance;
import io.sextant.grpc.SextantAttributes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The policy's own work per RPC, without a network: a real {@code round_robin} or {@code sextant}
 * balancer is driven through a stand-in channel to READY over {@code n} subchannels, then each
 * operation is one {@code pickSubchannel} plus, when the pick carries a stream tracer (sextant), the
 * tracer's creation and close (in-flight, latency and breaker bookkeeping). Every call carries an
 * {@code x-key} header (1024 values); only {@code maglev} is configured to hash it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GrpcPickerBenchmark {

    @Param({"round_robin", "sextant:round-robin", "sextant:weighted-round-robin", "sextant:p2c-peak-ewma",
            "sextant:maglev"})
    public String policy;

    @Param({"3", "100"})
    public int n;

    /** Whether to run the stream tracer (sextant's per-RPC bookkeeping) after the pick. */
    @Param({"true", "false"})
    public boolean trace;

    private LoadBalancer.SubchannelPicker picker;
    private Args[] args;
    private int next;
    private final ClientStreamTracer.StreamInfo info = ClientStreamTracer.StreamInfo.newBuilder().build();

    @Setup
    public void setUp() {
        LoadBalancerRegistry registry = LoadBalancerRegistry.getDefaultRegistry();
        String name = policy.startsWith("sextant:") ? "sextant" : policy;
        LoadBalancerProvider provider = registry.getProvider(name);
        Object config = null;
        if (name.equals("sextant")) {
            String strategy = policy.substring("sextant:".length());
            config = provider.parseLoadBalancingPolicyConfig(strategy.equals("maglev")
                    ? Map.of("strategy", strategy, "hashHeader", "x-key") : Map.of("strategy", strategy)).getConfig();
        } else {
            config = provider.parseLoadBalancingPolicyConfig(Map.of()).getConfig();
        }
        FakeHelper helper = new FakeHelper();
        LoadBalancer lb = provider.newLoadBalancer(helper);
        List<EquivalentAddressGroup> groups = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ServiceInstance inst = ServiceInstance.builder("bench").id(String.format("i%03d", i)).host("127.0.0.1")
                    .port(10_000 + i).weight(20 + (i % 10) * 20).build();
            groups.add(new EquivalentAddressGroup(new InetSocketAddress("127.0.0.1", 10_000 + i), Attributes.newBuilder()
                    .set(SextantAttributes.INSTANCE, inst).set(SextantAttributes.INSTANCE_ID, inst.id())
                    .set(SextantAttributes.WEIGHT, inst.weight()).build()));
        }
        Object cfg = config;
        helper.getSynchronizationContext().execute(() -> lb.acceptResolvedAddresses(
                LoadBalancer.ResolvedAddresses.newBuilder().setAddresses(groups).setLoadBalancingPolicyConfig(cfg).build()));
        helper.readyAll();
        if (helper.state != ConnectivityState.READY) {
            throw new IllegalStateException(policy + " did not become READY: " + helper.state);
        }
        picker = helper.picker;
        Metadata.Key<String> key = Metadata.Key.of("x-key", Metadata.ASCII_STRING_MARSHALLER);
        args = new Args[1024];
        for (int i = 0; i < args.length; i++) {
            Metadata h = new Metadata();
            h.put(key, "user-" + i);
            args[i] = new Args(h);
        }
    }

    @Benchmark
    public Object pickAndTrace() {
        LoadBalancer.PickResult r = picker.pickSubchannel(args[next++ & 1023]);
        ClientStreamTracer.Factory f = r.getStreamTracerFactory();
        if (trace && f != null) {
            ClientStreamTracer t = f.newClientStreamTracer(info, args[0].getHeaders());
            t.streamClosed(Status.OK);
        }
        return r.getSubchannel();
    }

    static final class Args extends LoadBalancer.PickSubchannelArgs {
        private final Metadata headers;

        Args(Metadata headers) {
            this.headers = headers;
        }

        @Override
        public CallOptions getCallOptions() {
            return CallOptions.DEFAULT;
        }

        @Override
        public Metadata getHeaders() {
            return headers;
        }

        @Override
        public MethodDescriptor<?, ?> getMethodDescriptor() {
            return Hello.METHOD;
        }
    }
}
