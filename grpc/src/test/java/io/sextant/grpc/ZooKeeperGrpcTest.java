package io.sextant.grpc;

import io.grpc.ManagedChannel;
import io.sextant.ServiceCache;
import io.sextant.testing.BackendFixture;
import io.sextant.testing.ZooKeeperFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gRPC contract on a real ZooKeeper server (Curator's TestingServer, in this JVM). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZooKeeperGrpcTest extends GrpcDiscoveryContract {

    @Override
    BackendFixture startFixture() throws Exception {
        return ZooKeeperFixture.single();
    }

    @Test
    void aStaleCacheKeepsServingItsAddressesWhileZooKeeperIsDown() throws Exception {
        String svc = newService();
        server(svc, "a", 100);
        server(svc, "b", 100);
        ManagedChannel ch = channel(svc, "{}");
        Channels.awaitReaching(ch, Set.of("a", "b"), 20);
        ServiceCache cache = cache(svc);

        fixture.stopAll();
        try {
            await().atMost(15, TimeUnit.SECONDS).until(() -> cache.snapshot().isStale());
            assertThat(Channels.counts(ch, 100)).containsOnlyKeys("a", "b");
        } finally {
            fixture.startAll();
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> !cache.snapshot().isStale());
        Channels.awaitReaching(ch, Set.of("a", "b"), 20);
    }
}
