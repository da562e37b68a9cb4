package io.sextant.benchmarks.e2e;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceCache;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.apache.curator.x.discovery.details.ServiceCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;

import java.nio.charset.StandardCharsets;

/** The peers on ZooKeeper: a raw Curator client pair, and Curator x-discovery. */
final class ZooKeeperPaths {
    private ZooKeeperPaths() {
    }

    static CuratorFramework client(String connect, int sessionMillis) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connect).sessionTimeoutMs(sessionMillis)
                .connectionTimeoutMs(5000).retryPolicy(new ExponentialBackoffRetry(100, 10, 1000)).build();
        c.start();
        if (!c.blockUntilConnected(20, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("no ZooKeeper at " + connect);
        }
        return c;
    }

    /** setData by one client until a CuratorCache of another client has it: the floor under any library. */
    static Latencies raw(String connect, int warmup, int n) throws Exception {
        try (CuratorFramework writer = client(connect, 10_000); CuratorFramework reader = client(connect, 10_000)) {
            String path = "/raw-bench/x";
            writer.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, bytes(0));
            Signal signal = new Signal();
            try (CuratorCache cache = CuratorCache.build(reader, "/raw-bench")) {
                cache.listenable().addListener(CuratorCacheListener.builder()
                        .forCreatesAndChanges((old, node) -> {
                            if (node.getPath().equals(path)) {
                                signal.saw(Long.parseLong(new String(node.getData(), StandardCharsets.UTF_8)));
                            }
                        }).build());
                cache.start();
                if (signal.await(0, System.nanoTime(), 20_000) < 0) {
                    throw new IllegalStateException("raw ZooKeeper: node never seen");
                }
                Latencies out = new Latencies("ZooKeeper raw: Curator setData -> CuratorCache", n);
                for (int seq = 1; seq <= warmup + n; seq++) {
                    long t0 = System.nanoTime();
                    writer.setData().inBackground().forPath(path, bytes(seq));
                    long took = signal.await(seq, t0, 10_000);
                    if (took < 0) {
                        throw new IllegalStateException("raw ZooKeeper: update " + seq + " lost");
                    }
                    if (seq > warmup) {
                        out.add(took);
                    }
                }
                return out;
            }
        }
    }

    static ServiceDiscovery<String> discovery(CuratorFramework client) throws Exception {
        ServiceDiscovery<String> d = ServiceDiscoveryBuilder.builder(String.class).client(client).basePath("/xdisc")
                .serializer(new JsonInstanceSerializer<>(String.class)).watchInstances(false).build();
        d.start();
        return d;
    }

    static ServiceCache<String> cache(ServiceDiscovery<String> d, String name, Runnable onChange) throws Exception {
        ServiceCache<String> cache = d.serviceCacheBuilder().name(name).build();
        cache.addListener(new ServiceCacheListener() {
            @Override
            public void cacheChanged() {
                onChange.run();
            }

            @Override
            public void stateChanged(CuratorFramework client, ConnectionState newState) {
                // not measured
            }
        });
        cache.start();
        return cache;
    }

    /** Curator x-discovery: updateService by one client until another client's ServiceCache has it. */
    static Latencies curatorX(String connect, int warmup, int n) throws Exception {
        try (CuratorFramework wc = client(connect, 10_000); CuratorFramework rc = client(connect, 10_000);
             ServiceDiscovery<String> writer = discovery(wc); ServiceDiscovery<String> reader = discovery(rc)) {
            Signal signal = new Signal();
            ServiceCache<String>[] holder = new ServiceCache[1];
            holder[0] = cache(reader, "bench", () -> {
                for (ServiceInstance<String> i : holder[0].getInstances()) {
                    signal.saw(Long.parseLong(i.getPayload()));
                }
            });
            try (ServiceCache<String> ignored = holder[0]) {
                ServiceInstance<String> me = ServiceInstance.<String>builder().name("bench").id("w").address("127.0.0.1")
                        .port(9000).payload("0").build();
                writer.registerService(me);
                if (signal.await(0, System.nanoTime(), 20_000) < 0) {
                    throw new IllegalStateException("Curator x-discovery: registration never seen");
                }
                Latencies out = new Latencies("Curator x-discovery: updateService -> ServiceCache", n);
                for (int seq = 1; seq <= warmup + n; seq++) {
                    ServiceInstance<String> next = ServiceInstance.<String>builder().name("bench").id("w")
                            .address("127.0.0.1").port(9000).payload(Integer.toString(seq)).build();
                    long t0 = System.nanoTime();
                    writer.updateService(next);
                    long took = signal.await(seq, t0, 10_000);
                    if (took < 0) {
                        throw new IllegalStateException("Curator x-discovery: update " + seq + " lost");
                    }
                    if (seq > warmup) {
                        out.add(took);
                    }
                }
                return out;
            }
        }
    }

    /** Curator x-discovery registering {@code count} instances; nanoseconds until another client's cache has them. */
    static long curatorXScale(String connect, int count) throws Exception {
        try (CuratorFramework wc = client(connect, 10_000); CuratorFramework rc = client(connect, 10_000);
             ServiceDiscovery<String> writer = discovery(wc); ServiceDiscovery<String> reader = discovery(rc);
             ServiceCache<String> cache = cache(reader, "scale", () -> { })) {
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                writer.registerService(ServiceInstance.<String>builder().name("scale").id("s-" + i).address("127.0.0.1")
                        .port(10_000 + i).payload("x").build());
            }
            while (cache.getInstances().size() < count) {
                if (System.nanoTime() - t0 > 120_000_000_000L) {
                    throw new IllegalStateException("x-discovery scale: only " + cache.getInstances().size());
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
            return System.nanoTime() - t0;
        }
    }

    private static byte[] bytes(long seq) {
        return Long.toString(seq).getBytes(StandardCharsets.UTF_8);
    }
}
