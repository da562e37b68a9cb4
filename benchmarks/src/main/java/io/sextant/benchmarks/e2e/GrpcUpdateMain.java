package io.sextant.benchmarks.e2e;

import io.grpc.CallOptions;
import io.grpc.LoadBalancerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.benchmarks.grpc.Hello;
import io.sextant.benchmarks.grpc.UpdateProbe;
import io.sextant.grpc.SextantNameResolverProvider;
import io.sextant.zookeeper.EmbeddedZooKeeper;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long a registration takes to reach a gRPC channel that resolves {@code sextant:///bench}: one
 * registry registers, another feeds the channel, on an embedded ZooKeeper and on etcd (when the
 * binary is on PATH). Per round a new instance id registers at a running server's port, and we time
 * <ul>
 *   <li>the register() call itself (it waits until the backend has the record),</li>
 *   <li>register() returned → the channel's balancer has the new address (resolver-to-channel),</li>
 *   <li>register() called → the first RPC answered by the new server (includes the TCP/HTTP2 connect),</li>
 *   <li>close() (deregister) called → the balancer no longer has the address.</li>
 * </ul>
 * Options: {@code --n N} rounds (default 200), {@code --warmup N} (30), {@code --only etcd|zookeeper}.
 */
public final class GrpcUpdateMain {
    private GrpcUpdateMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(option(args, "--n", "200"));
        int warmup = Integer.parseInt(option(args, "--warmup", "30"));
        String only = option(args, "--only", "all");
        UpdateProbe probe = new UpdateProbe();
        LoadBalancerRegistry.getDefaultRegistry().register(probe);
        StringBuilder table = new StringBuilder(Latencies.header()).append('\n');
        if (!only.equals("etcd")) {
            try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper().start()) {
                run("ZooKeeper", SextantConfig.builder().backend("zookeeper").namespace("grpcbench")
                        .set("sextant.zookeeper.connect", zk.connectString()).build(), probe, warmup, n, table);
            }
        }
        if (!only.equals("zookeeper") && EtcdProcess.available()) {
            try (EtcdProcess etcd = EtcdProcess.start()) {
                run("etcd", SextantConfig.builder().backend("etcd").namespace("grpcbench")
                        .set("sextant.etcd.endpoints", etcd.endpoint()).build(), probe, warmup, n, table);
            }
        }
        System.out.println();
        System.out.println("gRPC: a registration until a channel on sextant:///bench can use it");
        System.out.println(table);
    }

    private static void run(String backend, SextantConfig config, UpdateProbe probe, int warmup, int n,
                            StringBuilder table) throws Exception {
        Latencies registerCall = new Latencies(backend + ": register() itself", n);
        Latencies toBalancer = new Latencies(backend + ": registered -> channel balancer", n);
        Latencies toFirstRpc = new Latencies(backend + ": register -> first RPC on it", n);
        Latencies removal = new Latencies(backend + ": deregister -> channel balancer", n);
        Server base = Hello.start("base");
        Server added = Hello.start("added");
        try (Registry servers = Registry.open(config); Registry clients = Registry.open(config)) {
            SextantNameResolverProvider provider = SextantNameResolverProvider.builder().registry(clients).build()
                    .register();
            servers.register(instance("base", base.getPort()));
            ManagedChannel channel = NettyChannelBuilder.forTarget("sextant:///bench").usePlaintext()
                    .defaultServiceConfig(Map.of("loadBalancingConfig", List.of(Map.of("update-probe", Map.of()))))
                    .build();
            try {
                Hello.call(channel, CallOptions.DEFAULT.withWaitForReady().withDeadlineAfter(20, TimeUnit.SECONDS));
                for (int i = 0; i < warmup + n; i++) {
                    probe.updates.clear();
                    long t0 = System.nanoTime();
                    Registration r = servers.register(instance("added-" + i, added.getPort()));
                    long t1 = System.nanoTime();
                    long seen = awaitAddresses(probe, 2);
                    while (!Hello.call(channel, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS)).equals("added")) {
                        // round robin alternates: the new server answers within a few calls once READY
                    }
                    long rpc = System.nanoTime();
                    probe.updates.clear();
                    long d0 = System.nanoTime();
                    r.close();
                    long gone = awaitAddresses(probe, 1);
                    if (i >= warmup) {
                        registerCall.add(t1 - t0);
                        toBalancer.add(seen - t1);
                        toFirstRpc.add(rpc - t0);
                        removal.add(gone - d0);
                    }
                }
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                provider.deregister();
            }
        } finally {
            base.shutdownNow();
            added.shutdownNow();
        }
        table.append(registerCall.row()).append('\n').append(toBalancer.row()).append('\n').append(toFirstRpc.row()).append('\n')
                .append(removal.row()).append('\n');
    }

    private static String option(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }

    private static ServiceInstance instance(String id, int port) {
        return ServiceInstance.builder("bench").id(id).host("127.0.0.1").port(port).build();
    }

    /** When the balancer received a result with exactly {@code count} addresses. */
    private static long awaitAddresses(UpdateProbe probe, int count) throws InterruptedException {
        while (true) {
            UpdateProbe.Update u = probe.updates.poll(10, TimeUnit.SECONDS);
            if (u == null) {
                throw new IllegalStateException("no update with " + count + " addresses within 10 s");
            }
            if (u.addresses() == count) {
                return u.nanos();
            }
        }
    }
}
