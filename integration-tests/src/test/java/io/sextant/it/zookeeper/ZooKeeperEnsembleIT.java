package io.sextant.it.zookeeper;

import io.sextant.testing.ZooKeeperFixture;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import org.apache.curator.test.InstanceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.zookeeper.RecordingWatchListener.bytes;
import static io.sextant.it.zookeeper.ZkTestSupport.freshNamespace;
import static io.sextant.it.zookeeper.ZkTestSupport.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Faults of a real 3-server ensemble ({@code TestingCluster}), seen by a watcher on another client. */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ZooKeeperEnsembleIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ZooKeeperFixture zk;

    @BeforeAll
    static void startEnsemble() throws Exception {
        zk = ZooKeeperFixture.cluster(3);
    }

    @AfterAll
    static void stopEnsemble() throws Exception {
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    void killingTheServerAClientIsConnectedToLosesNothing() throws Exception {
        // Sessions long enough to ride out a leader election on a loaded machine: no session may be lost here.
        SextantConfig config = zk.config().namespace(freshNamespace("kill")).ttl(Duration.ofSeconds(10)).build();
        try (Backend writer = open(config); Backend watcher = open(config)) {
            ZkTestSupport.StateRecorder writerStates = new ZkTestSupport.StateRecorder();
            ZkTestSupport.StateRecorder watcherStates = new ZkTestSupport.StateRecorder();
            writer.addListener(writerStates);
            watcher.addListener(watcherStates);
            RecordingWatchListener seen = new RecordingWatchListener();
            try (AutoCloseable w = watcher.watch("/services/orders/", seen)) {
                EphemeralHandle h = writer.putEphemeral("/services/orders/i-1", bytes("a")).get(5, TimeUnit.SECONDS);
                writer.putEphemeral("/services/orders/i-2", bytes("b")).get(5, TimeUnit.SECONDS);
                watcher.putEphemeral("/services/marker/w", bytes("m")).get(5, TimeUnit.SECONDS);
                Map<String, String> expected = Map.of("/services/orders/i-1", "a", "/services/orders/i-2", "b");
                await().atMost(WAIT).until(() -> seen.state().equals(expected));
                long writerSession = zk.ownerOf(config, "/services/orders/i-1");
                long watcherSession = zk.ownerOf(config, "/services/marker/w");

                // 1. The writer's server dies: its session moves to another member, its nodes stay.
                InstanceSpec writersServer = zk.memberServing(writerSession);
                zk.cluster().killServer(writersServer);
                await().atMost(WAIT).until(() -> writerStates.states.contains(ConnectionState.RECONNECTED));
                assertThat(writerStates.states).doesNotContain(ConnectionState.LOST);
                assertThat(zk.ownerOf(config, "/services/orders/i-1")).isEqualTo(writerSession);
                h.update(bytes("a2")).get(10, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> "a2".equals(seen.state().get("/services/orders/i-1")));
                zk.cluster().restartServer(writersServer);
                zk.awaitServing(writersServer);

                // 2. The watcher's server dies: it resyncs, and still sees no deletion.
                InstanceSpec watchersServer = zk.memberServing(watcherSession);
                int reconnectsBefore = count(watcherStates, ConnectionState.RECONNECTED);
                zk.cluster().killServer(watchersServer);
                await().atMost(WAIT).until(() -> count(watcherStates, ConnectionState.RECONNECTED) > reconnectsBefore);
                await().atMost(WAIT).until(() -> seen.count("RESYNC") >= 1);
                zk.cluster().restartServer(watchersServer);
                zk.awaitServing(watchersServer);

                Map<String, String> after = Map.of("/services/orders/i-1", "a2", "/services/orders/i-2", "b");
                await().atMost(WAIT).until(() -> seen.state().equals(after));
                assertThat(seen.count("DELETE")).as("no live key deleted: %s", seen.events()).isZero();
                assertThat(watcherStates.states).doesNotContain(ConnectionState.LOST);
            }
        }
    }

    @Test
    void theWholeEnsembleDownLongerThanTheSessionTimeoutThenBackReturnsEveryRegistration() throws Exception {
        SextantConfig config = zk.config().namespace(freshNamespace("outage")).build();
        try (Backend writer = open(config); Backend watcher = open(config)) {
            ZkTestSupport.StateRecorder writerStates = new ZkTestSupport.StateRecorder();
            writer.addListener(writerStates);
            RecordingWatchListener seen = new RecordingWatchListener();
            try (AutoCloseable w = watcher.watch("/services/", seen)) {
                EphemeralHandle h = writer.putEphemeral("/services/orders/i-1", bytes("a")).get(5, TimeUnit.SECONDS);
                writer.putEphemeral("/services/orders/i-2", bytes("b")).get(5, TimeUnit.SECONDS);
                writer.putEphemeral("/services/billing/x-1", bytes("x")).get(5, TimeUnit.SECONDS);
                EphemeralHandle gone = writer.putEphemeral("/services/orders/i-3", bytes("c")).get(5, TimeUnit.SECONDS);
                gone.delete().get(5, TimeUnit.SECONDS);
                Map<String, String> expected = Map.of("/services/orders/i-1", "a", "/services/orders/i-2", "b",
                        "/services/billing/x-1", "x");
                await().atMost(WAIT).until(() -> seen.state().equals(expected));

                Backend bystander = open(config);
                bystander.putEphemeral("/services/orders/gone-with-close", bytes("z")).get(5, TimeUnit.SECONDS);
                zk.stopAll();
                long closeStart = System.nanoTime();
                bystander.close();
                assertThat(Duration.ofNanos(System.nanoTime() - closeStart)).as("close during an outage is bounded")
                        .isLessThan(config.requestTimeout().plusSeconds(3));
                // Curator declares the session lost once it has been cut off for the session timeout.
                await().atMost(WAIT).until(() -> writerStates.states.contains(ConnectionState.LOST));
                // A write issued during the outage is kept and re-created with the latest value.
                h.update(bytes("a2"));
                zk.startAll();

                Map<String, String> after = Map.of("/services/orders/i-1", "a2", "/services/orders/i-2", "b",
                        "/services/billing/x-1", "x");
                await().atMost(WAIT).until(() -> seen.state().equals(after)
                        && writerStates.states.contains(ConnectionState.RECONNECTED));
                await().atMost(WAIT).ignoreExceptions().until(() -> after.equals(stringValues(watcher.list("/services/").get(5, TimeUnit.SECONDS))));
                assertThat(writerStates.order).containsSubsequence("LOST", "RECONNECTED");
                assertThat(writerStates.restorations.stream().flatMap(java.util.Set::stream))
                        .containsAll(after.keySet());
                assertThat(seen.state()).isEqualTo(after);
            }
        }
    }

    private static int count(ZkTestSupport.StateRecorder r, ConnectionState s) {
        return (int) r.states.stream().filter(s::equals).count();
    }

    private static Map<String, String> stringValues(Map<String, byte[]> m) {
        Map<String, String> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, RecordingWatchListener.text(v)));
        return out;
    }
}
