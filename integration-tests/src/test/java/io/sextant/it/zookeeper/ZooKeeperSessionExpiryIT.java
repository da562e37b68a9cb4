package io.sextant.it.zookeeper;

import io.sextant.testing.ZooKeeperFixture;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.zookeeper.RecordingWatchListener.bytes;
import static io.sextant.it.zookeeper.ZkTestSupport.freshNamespace;
import static io.sextant.it.zookeeper.ZkTestSupport.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Session expiry done on the server (not only on the client), on one real server. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ZooKeeperSessionExpiryIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static ZooKeeperFixture zk;

    @BeforeAll
    static void startServer() throws Exception {
        zk = ZooKeeperFixture.single();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    void theRegistrantsNodesComeBackByThemselvesAndWatchersEndRight() throws Exception {
        SextantConfig config = zk.config().namespace(freshNamespace("expiry")).build();
        try (Backend writer = open(config); Backend watcher = open(config)) {
            ZkTestSupport.StateRecorder states = new ZkTestSupport.StateRecorder();
            writer.addListener(states);
            RecordingWatchListener seen = new RecordingWatchListener();
            try (AutoCloseable w = watcher.watch("/services/orders/", seen)) {
                EphemeralHandle h1 = writer.putEphemeral("/services/orders/i-1", bytes("a1")).get(5, TimeUnit.SECONDS);
                writer.putEphemeral("/services/orders/i-2", bytes("b1")).get(5, TimeUnit.SECONDS);
                h1.update(bytes("a2")).get(5, TimeUnit.SECONDS);
                Map<String, String> expected = Map.of("/services/orders/i-1", "a2", "/services/orders/i-2", "b1");
                await().atMost(WAIT).until(() -> seen.state().equals(expected));
                long oldOwner = owner(config, "/services/orders/i-1");

                zk.expireOwnerOf(config, "/services/orders/i-1");

                await().atMost(WAIT).until(() -> seen.count("DELETE") >= 2 && seen.state().equals(expected));
                await().atMost(WAIT).until(() -> states.states.contains(ConnectionState.RECONNECTED));
                assertThat(owner(config, "/services/orders/i-1")).isNotEqualTo(oldOwner).isNotZero();
                assertThat(states.states).containsSubsequence(ConnectionState.LOST, ConnectionState.RECONNECTED);
                assertThat(states.restorations).containsExactly(Set.copyOf(expected.keySet()));
                assertThat(states.order).as("restoration is reported before RECONNECTED")
                        .containsSubsequence("LOST", "RESTORED" + new java.util.TreeSet<>(expected.keySet()),
                                "RECONNECTED");
                // The watcher kept its own session: plain events, no resync, and every key ends on its latest value.
                assertThat(seen.count("RESYNC")).isZero();
                assertThat(seen.events()).extracting(Object::toString)
                        .containsSubsequence("DELETE /services/orders/i-1", "PUT /services/orders/i-1=a2")
                        .containsSubsequence("DELETE /services/orders/i-2", "PUT /services/orders/i-2=b1");
                assertThat(writer.connectionState()).isEqualTo(ConnectionState.RECONNECTED);

                // The restored registration is still a live handle.
                h1.update(bytes("a3")).get(5, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> "a3".equals(seen.state().get("/services/orders/i-1")));
            }
        }
    }

    @Test
    void aWatcherWhoseSessionExpiresGetsAResyncWithTheRightSet() throws Exception {
        SextantConfig config = zk.config().namespace(freshNamespace("resync")).build();
        try (Backend writer = open(config); Backend watcher = open(config)) {
            RecordingWatchListener seen = new RecordingWatchListener();
            try (AutoCloseable w = watcher.watch("/services/orders/", seen)) {
                writer.putEphemeral("/services/orders/i-1", bytes("a")).get(5, TimeUnit.SECONDS);
                EphemeralHandle h2 = writer.putEphemeral("/services/orders/i-2", bytes("b")).get(5, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> seen.state().size() == 2);
                // A marker node of the watcher's own session lets the fixture find and expire that session.
                watcher.putEphemeral("/services/marker/w", bytes("m")).get(5, TimeUnit.SECONDS);

                zk.expireOwnerOf(config, "/services/marker/w");
                h2.delete().get(5, TimeUnit.SECONDS);
                writer.putEphemeral("/services/orders/i-3", bytes("c")).get(5, TimeUnit.SECONDS);

                Map<String, String> expected = Map.of("/services/orders/i-1", "a", "/services/orders/i-3", "c");
                await().atMost(WAIT).until(() -> seen.count("RESYNC") >= 1 && seen.state().equals(expected));
                assertThat(seen.events().get(0).type()).isEqualTo("SNAPSHOT");
            }
        }
    }

    private static long owner(SextantConfig config, String key) throws Exception {
        try (ZooKeeper raw = ZooKeeperFixture.connectRaw(zk.connectString(), 5_000)) {
            return raw.exists("/" + config.namespace() + key, false).getEphemeralOwner();
        }
    }
}
