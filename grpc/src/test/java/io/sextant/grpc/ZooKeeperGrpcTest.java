package io.sextant.grpc;

import io.grpc.ManagedChannel;
import io.sextant.ServiceCache;
import io.sextant.SextantConfig;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gRPC contract on a real ZooKeeper server (Curator's TestingServer, in this JVM). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperGrpcTest extends GrpcDiscoveryContract {
    private TestingServer zk;

    @Override
    void startBackend() throws Exception {
        zk = new TestingServer(true);
    }

    @Override
    void stopBackend() throws Exception {
        if (zk != null) {
            zk.close();
        }
    }

    @Override
    SextantConfig.Builder config() {
        return SextantConfig.builder().backend("zookeeper").set("sextant.zookeeper.connect", zk.getConnectString())
                .ttl(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(3));
    }

    @Test
    void aStaleCacheKeepsServingItsAddressesWhileZooKeeperIsDown() throws Exception {
        String svc = newService();
        server(svc, "a", 100);
        server(svc, "b", 100);
        ManagedChannel ch = channel(svc, "{}");
        Channels.awaitReaching(ch, Set.of("a", "b"), 20);
        ServiceCache cache = clients.cache(svc);

        zk.stop();
        try {
            await().atMost(15, TimeUnit.SECONDS).until(() -> cache.snapshot().isStale());
            assertThat(Channels.counts(ch, 100)).containsOnlyKeys("a", "b");
        } finally {
            zk.restart();
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> !cache.snapshot().isStale());
        Channels.awaitReaching(ch, Set.of("a", "b"), 20);
    }
}
