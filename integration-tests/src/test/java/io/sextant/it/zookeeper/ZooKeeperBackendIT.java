package io.sextant.it.zookeeper;

import io.sextant.testing.ZooKeeperFixture;

import io.sextant.BackendUnavailableException;
import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.BackendProvider;
import io.sextant.spi.EphemeralHandle;
import io.sextant.spi.WatchListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.zookeeper.RecordingWatchListener.bytes;
import static io.sextant.it.zookeeper.ZkTestSupport.freshNamespace;
import static io.sextant.it.zookeeper.ZkTestSupport.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The ZooKeeper backend at the SPI level on one real server: one writer client, one watcher client. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ZooKeeperBackendIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static ZooKeeperFixture zk;

    private SextantConfig config;
    private Backend writer;
    private Backend watcher;

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

    @BeforeEach
    void openClients() {
        config = zk.config().namespace(freshNamespace("backend")).build();
        writer = open(config);
        watcher = open(config);
    }

    @AfterEach
    void closeClients() {
        writer.close();
        watcher.close();
    }

    @Test
    void registerUpdateAndDeregisterReachAWatcherOnAnotherClient() throws Exception {
        RecordingWatchListener seen = new RecordingWatchListener();
        try (AutoCloseable w = watcher.watch("/services/orders/", seen)) {
            await().atMost(WAIT).until(seen::hasSnapshot);

            EphemeralHandle h = writer.putEphemeral("/services/orders/i-1", bytes("a")).get(5, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> seen.state().equals(Map.of("/services/orders/i-1", "a")));
            h.update(bytes("b")).get(5, TimeUnit.SECONDS);
            assertThat(h.value()).isEqualTo(bytes("b"));
            await().atMost(WAIT).until(() -> seen.state().equals(Map.of("/services/orders/i-1", "b")));
            writer.putEphemeral("/services/other/x", bytes("elsewhere")).get(5, TimeUnit.SECONDS);
            h.delete().get(5, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> seen.state().isEmpty());

            assertThat(seen.events()).extracting(Object::toString)
                    .containsExactly("SNAPSHOT=0", "PUT /services/orders/i-1=a", "PUT /services/orders/i-1=b",
                            "DELETE /services/orders/i-1");
            assertThat(seen.lastThread().getName()).startsWith("sextant-zk-io-");
            assertThat(watcher.get("/services/orders/i-1").get(5, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void snapshotListAndGetReportOnlyRecordsNotStructureNodes() throws Exception {
        writer.putEphemeral("/services/orders/i-1", bytes("o1")).get(5, TimeUnit.SECONDS);
        writer.putEphemeral("/services/orders/i-2", bytes("o2")).get(5, TimeUnit.SECONDS);
        writer.putEphemeral("/services/billing/b-1", bytes("b1")).get(5, TimeUnit.SECONDS);
        Map<String, String> all = Map.of("/services/orders/i-1", "o1", "/services/orders/i-2", "o2",
                "/services/billing/b-1", "b1");

        RecordingWatchListener seen = new RecordingWatchListener();
        try (AutoCloseable w = watcher.watch("/services/", seen)) {
            await().atMost(WAIT).until(seen::hasSnapshot);
            assertThat(seen.events().get(0).toString()).isEqualTo("SNAPSHOT=3");
            assertThat(seen.state()).isEqualTo(all);
        }
        Map<String, byte[]> listed = watcher.list("/services/").get(5, TimeUnit.SECONDS);
        assertThat(listed.keySet()).isEqualTo(all.keySet());
        assertThat(watcher.list("/services/orders/").get(5, TimeUnit.SECONDS).keySet())
                .containsExactlyInAnyOrder("/services/orders/i-1", "/services/orders/i-2");
        assertThat(watcher.list("/services/none/").get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(watcher.get("/services/orders/i-2").get(5, TimeUnit.SECONDS)).hasValueSatisfying(
                v -> assertThat(v).isEqualTo(bytes("o2")));
        assertThat(watcher.get("/services/orders").get(5, TimeUnit.SECONDS)).as("a parent is no record").isEmpty();
    }

    @Test
    void aWatchOfAnAbsentPrefixStartsEmptyAndSeesTheFirstRecord() throws Exception {
        RecordingWatchListener seen = new RecordingWatchListener();
        try (AutoCloseable w = watcher.watch("/services/fresh/", seen)) {
            await().atMost(WAIT).until(seen::hasSnapshot);
            writer.putEphemeral("/services/fresh/f-1", bytes("x")).get(5, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> seen.state().equals(Map.of("/services/fresh/f-1", "x")));
        }
    }

    @Test
    void closingTheWriterRemovesItsRecordsForWatchers() throws Exception {
        RecordingWatchListener seen = new RecordingWatchListener();
        try (AutoCloseable w = watcher.watch("/services/orders/", seen)) {
            writer.putEphemeral("/services/orders/i-1", bytes("a")).get(5, TimeUnit.SECONDS);
            writer.putEphemeral("/services/orders/i-2", bytes("b")).get(5, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> seen.state().size() == 2);
            long closedAt = System.nanoTime();
            writer.close();
            await().atMost(WAIT).until(() -> seen.state().isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(zk.ttl());
        }
    }

    @Test
    void anAdministrativeDeleteIsUndoneByTheOwnersOpenHandle() throws Exception {
        RecordingWatchListener seen = new RecordingWatchListener();
        try (AutoCloseable w = watcher.watch("/services/orders/", seen)) {
            writer.putEphemeral("/services/orders/i-1", bytes("a")).get(5, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> seen.state().size() == 1);
            assertThat(watcher.delete("/services/orders/i-1").get(5, TimeUnit.SECONDS)).isTrue();
            await().atMost(WAIT).until(() -> seen.count("DELETE") == 1 && seen.state().size() == 1);
            assertThat(seen.state()).isEqualTo(Map.of("/services/orders/i-1", "a"));
            assertThat(watcher.delete("/services/orders/absent").get(5, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void aKeyPutAgainRightAfterItsDeleteStaysPresent() throws Exception {
        RecordingWatchListener seen = new RecordingWatchListener();
        try (AutoCloseable w = watcher.watch("/services/orders/", seen)) {
            EphemeralHandle first = writer.putEphemeral("/services/orders/i-1", bytes("a")).get(5, TimeUnit.SECONDS);
            EphemeralHandle again = writer.putEphemeral("/services/orders/i-1", bytes("b")).get(5, TimeUnit.SECONDS);
            assertThat(again).as("one handle per key and backend").isSameAs(first);
            var deleting = first.delete();
            EphemeralHandle second = writer.putEphemeral("/services/orders/i-1", bytes("c")).get(5, TimeUnit.SECONDS);
            deleting.get(5, TimeUnit.SECONDS);
            assertThat(second).isNotSameAs(first);
            await().atMost(WAIT).until(() -> seen.state().equals(Map.of("/services/orders/i-1", "c")));
            assertThat(writer.get("/services/orders/i-1").get(5, TimeUnit.SECONDS))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("c")));
            assertThatThrownBy(() -> first.update(bytes("x")).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void twoConcurrentPutsOfOneKeyNeverMakeItDisappear() throws Exception {
        // The second put must not run a second recipe on the same node: the losing one, stopped, deletes the node.
        RecordingWatchListener seen = new RecordingWatchListener();
        try (AutoCloseable w = watcher.watch("/services/orders/", seen)) {
            await().atMost(WAIT).until(seen::hasSnapshot);
            for (int i = 0; i < 5; i++) {
                String key = "/services/orders/c-" + i;
                CompletableFuture<EphemeralHandle> first = writer.putEphemeral(key, bytes("a"));
                CompletableFuture<EphemeralHandle> second = writer.putEphemeral(key, bytes("b"));
                assertThat(second.get(5, TimeUnit.SECONDS)).isSameAs(first.get(5, TimeUnit.SECONDS));
                await().atMost(WAIT).until(() -> "b".equals(seen.state().get(key)));
            }
            assertThat(writer.get("/services/orders/c-4").get(5, TimeUnit.SECONDS))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("b")));
            assertThat(seen.events()).extracting(RecordingWatchListener.Event::type).doesNotContain("DELETE");
        }
    }

    @Test
    void aRefreshRacingItsHandlesDeleteNeverLeavesANodeBehind() throws Exception {
        // The supervisor's repair (refresh) of a missing key may run while the registration is closed. A
        // node created by that repair after the delete would outlive the handle: a phantom instance.
        // The recipe's own re-create (it watches its node) races the close in the same way.
        for (int i = 0; i < 100; i++) {
            String key = "/services/race/r-" + i;
            EphemeralHandle h = writer.putEphemeral(key, bytes("v")).get(5, TimeUnit.SECONDS);
            watcher.delete(key).get(5, TimeUnit.SECONDS);
            CompletableFuture<Void> refresh = h.refresh();
            h.delete().get(5, TimeUnit.SECONDS);
            try {
                refresh.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException refusedAfterDelete) {
                assertThat(refusedAfterDelete).hasRootCauseInstanceOf(IllegalStateException.class);
            }
            assertThat(watcher.get(key).get(5, TimeUnit.SECONDS)).as("%s after delete", key).isEmpty();
        }
    }

    @Test
    void aPutThatTimedOutWhileTheServerWasDownLeavesNoNodeOnceItIsBack() throws Exception {
        SextantConfig quick = zk.config().namespace(config.namespace()).requestTimeout(Duration.ofSeconds(1)).build();
        RecordingWatchListener seen = new RecordingWatchListener();
        try (Backend impatient = open(quick); AutoCloseable w = watcher.watch("/services/orders/", seen)) {
            await().atMost(WAIT).until(seen::hasSnapshot);
            CompletableFuture<EphemeralHandle> put;
            zk.stopAll();
            try {
                put = impatient.putEphemeral("/services/orders/timed-out", bytes("x"));
                await().atMost(WAIT).until(put::isDone);
            } finally {
                zk.startAll();
            }
            assertThat(put).isCompletedExceptionally();
            // the impatient client is reconnecting: its reads may still fail for a while
            await().atMost(WAIT).ignoreExceptions()
                    .until(() -> impatient.get("/services/orders/absent").get(5, TimeUnit.SECONDS).isEmpty());
            await().during(Duration.ofSeconds(3)).atMost(WAIT)
                    .until(() -> watcher.get("/services/orders/timed-out").get(5, TimeUnit.SECONDS).isEmpty());
            assertThat(seen.state()).isEmpty();
        }
    }

    @Test
    void aWatchStartedWhileTheServerIsDownBeginsWithAPlainSnapshotOnceItIsBack() throws Exception {
        writer.putEphemeral("/services/orders/i-1", bytes("a")).get(5, TimeUnit.SECONDS);
        RecordingWatchListener seen = new RecordingWatchListener();
        zk.stopAll();
        AutoCloseable w;
        try {
            w = watcher.watch("/services/orders/", seen);
        } finally {
            zk.startAll();
        }
        try (w) {
            await().atMost(WAIT.multipliedBy(2)).until(() -> seen.state().equals(Map.of("/services/orders/i-1", "a")));
            assertThat(seen.events().get(0).type()).isEqualTo("SNAPSHOT");
        }
    }

    @Test
    void namespacesIsolateRegistries() throws Exception {
        SextantConfig other = zk.config().namespace(freshNamespace("other")).build();
        try (Backend foreign = open(other)) {
            RecordingWatchListener seen = new RecordingWatchListener();
            try (AutoCloseable w = watcher.watch("/services/", seen)) {
                await().atMost(WAIT).until(seen::hasSnapshot);
                foreign.putEphemeral("/services/orders/f-1", bytes("foreign")).get(5, TimeUnit.SECONDS);
                writer.putEphemeral("/services/orders/i-1", bytes("mine")).get(5, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> seen.state().size() == 1);
                assertThat(seen.state()).isEqualTo(Map.of("/services/orders/i-1", "mine"));
                assertThat(foreign.list("/services/").get(5, TimeUnit.SECONDS)).containsOnlyKeys("/services/orders/f-1");
            }
        }
    }

    @Test
    void noListenerCallAfterTheWatchIsClosed() throws Exception {
        RecordingWatchListener seen = new RecordingWatchListener();
        AutoCloseable w = watcher.watch("/services/orders/", seen);
        await().atMost(WAIT).until(seen::hasSnapshot);
        w.close();
        int before = seen.events().size();
        writer.putEphemeral("/services/orders/late", bytes("x")).get(5, TimeUnit.SECONDS);
        // A second watch proves the event was delivered to watches still open.
        RecordingWatchListener probe = new RecordingWatchListener();
        try (AutoCloseable w2 = watcher.watch("/services/orders/", probe)) {
            await().atMost(WAIT).until(() -> probe.state().containsKey("/services/orders/late"));
        }
        assertThat(seen.events()).hasSize(before);
    }

    @Test
    void anUnreachableEnsembleFailsWithinTheConnectTimeoutNamingTheConnectString() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String connect = "127.0.0.1:" + port;
        SextantConfig bad = SextantConfig.builder().backend("zookeeper").set("sextant.zookeeper.connect", connect)
                .connectTimeout(Duration.ofMillis(1500)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> open(bad)).isInstanceOf(BackendUnavailableException.class).hasMessageContaining(connect);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4000));
    }

    @Test
    void missingOrMalformedConnectStringIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> open(SextantConfig.builder().backend("zookeeper").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sextant.zookeeper.connect");
        assertThatThrownBy(() -> open(SextantConfig.builder().backend("zookeeper")
                .set("sextant.zookeeper.connect", "localhost:2181/chroot").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sextant.zookeeper.connect");
        assertThatThrownBy(() -> open(zk.config().set("sextant.auth.user", "only-user").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sextant.auth.password");
    }

    @Test
    void theProviderIsFoundByServiceLoader() {
        Optional<BackendProvider> p = ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x.name().equals("zookeeper")).findFirst();
        assertThat(p).isPresent();
        assertThat(p.get().isAvailable()).isTrue();
    }

    @Test
    void putToWatchLatency() throws Exception {
        BlockingQueue<Long> puts = new LinkedBlockingQueue<>();
        WatchListener timing = new WatchListener() {
            @Override
            public void onSnapshot(Map<String, byte[]> entries, boolean resync) {
            }

            @Override
            public void onPut(String key, byte[] value) {
                puts.add(System.nanoTime());
            }

            @Override
            public void onDelete(String key) {
            }
        };
        try (AutoCloseable w = watcher.watch("/services/lat/", timing)) {
            EphemeralHandle h = writer.putEphemeral("/services/lat/l-1", bytes("v0")).get(5, TimeUnit.SECONDS);
            assertThat(puts.poll(10, TimeUnit.SECONDS)).isNotNull();
            long[] micros = new long[300];
            for (int i = 0; i < micros.length; i++) {
                long t0 = System.nanoTime();
                h.update(bytes("v" + i));
                Long seenAt = puts.poll(10, TimeUnit.SECONDS);
                assertThat(seenAt).as("update %d seen", i).isNotNull();
                micros[i] = (seenAt - t0) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("ZooKeeper put->watch latency over %d updates: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    micros.length, micros[micros.length / 2] / 1000.0, micros[(int) (micros.length * 0.99)] / 1000.0,
                    micros[micros.length - 1] / 1000.0);
            assertThat(puts).as("exactly one event per update").isEmpty();
        }
    }
}
