package io.sextant.it.etcd;

import io.sextant.testing.EtcdCluster;
import io.sextant.testing.EtcdFixture;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.sextant.BackendUnavailableException;
import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The etcd Backend on one real member: propagation, namespace, lease sharing, loss and shutdown. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EtcdBackendIT {
    private static EtcdFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = EtcdFixture.single();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    static SextantConfig config() {
        return fixture.config().namespace("t" + UUID.randomUUID().toString().substring(0, 8)).build();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void registerUpdateDeregisterReachAWatcherOnAnotherClient() throws Exception {
        SextantConfig cfg = config();
        try (Backend writer = Backends.open(cfg); Backend reader = Backends.open(cfg)) {
            writer.putEphemeral("/services/a/before", b("v0")).get(5, TimeUnit.SECONDS);
            RecordingWatch watch = new RecordingWatch();
            AutoCloseable w = reader.watch("/services/a/", watch);
            await().until(() -> !watch.of("SNAPSHOT").isEmpty());
            assertThat(watch.view()).containsExactly(Map.entry("/services/a/before", "v0"));

            EphemeralHandle h = writer.putEphemeral("/services/a/i-1", b("v1")).get(5, TimeUnit.SECONDS);
            await().until(() -> "v1".equals(watch.view().get("/services/a/i-1")));
            h.update(b("v2")).get(5, TimeUnit.SECONDS);
            await().until(() -> "v2".equals(watch.view().get("/services/a/i-1")));
            h.delete().get(5, TimeUnit.SECONDS);
            await().until(() -> !watch.view().containsKey("/services/a/i-1"));
            assertThat(writer.get("/services/a/i-1").get(5, TimeUnit.SECONDS)).isEmpty();

            writer.putEphemeral("/services/b/other", b("x")).get(5, TimeUnit.SECONDS);
            writer.putEphemeral("/services/a/last", b("z")).get(5, TimeUnit.SECONDS);
            await().until(() -> watch.view().containsKey("/services/a/last"));
            assertThat(watch.history()).extracting(RecordingWatch.Event::type)
                    .containsExactly("SNAPSHOT", "PUT", "PUT", "DELETE", "PUT");
            assertThat(watch.view()).doesNotContainKey("/services/b/other");
            assertThat(watch.lastThread().getName()).startsWith("sextant-etcd-");
            w.close();
        }
    }

    @Test
    void namespaceIsPrependedAndStrippedAndIsolates() throws Exception {
        SextantConfig one = config();
        SextantConfig two = config();
        try (Backend a = Backends.open(one); Backend b = Backends.open(two); Client admin = fixture.adminClient()) {
            a.putEphemeral("/services/s/x", b("1")).get(5, TimeUnit.SECONDS);
            b.putEphemeral("/services/s/y", b("2")).get(5, TimeUnit.SECONDS);
            assertThat(a.list("/services/").get(5, TimeUnit.SECONDS)).containsOnlyKeys("/services/s/x");
            assertThat(b.list("/services/s/").get(5, TimeUnit.SECONDS)).containsOnlyKeys("/services/s/y");
            String raw = "/" + one.namespace() + "/services/s/x";
            assertThat(admin.getKVClient().get(EtcdCluster.bytes(raw)).get(5, TimeUnit.SECONDS).getKvs()).hasSize(1);
        }
    }

    @Test
    void everyKeyOfOneBackendRidesOnOneLease() throws Exception {
        SextantConfig cfg = config();
        try (Backend backend = Backends.open(cfg); Client admin = fixture.adminClient()) {
            for (int i = 0; i < 20; i++) {
                backend.putEphemeral("/services/s/i-" + i, b("v" + i)).get(5, TimeUnit.SECONDS);
            }
            List<KeyValue> kvs = admin.getKVClient().get(EtcdCluster.bytes("/" + cfg.namespace() + "/"),
                    GetOption.builder().isPrefix(true).build()).get(5, TimeUnit.SECONDS).getKvs();
            Set<Long> leases = new HashSet<>();
            kvs.forEach(kv -> leases.add(kv.getLease()));
            assertThat(kvs).hasSize(20);
            assertThat(leases).hasSize(1).doesNotContain(0L);
        }
    }

    @Test
    void revokedLeaseIsReplacedAndEveryKeyRestoredWithItsLatestValue() throws Exception {
        SextantConfig cfg = config();
        try (Backend writer = Backends.open(cfg); Backend reader = Backends.open(cfg)) {
            StateRecorder states = new StateRecorder();
            writer.addListener(states);
            EphemeralHandle h1 = writer.putEphemeral("/services/s/one", b("1")).get(5, TimeUnit.SECONDS);
            writer.putEphemeral("/services/s/two", b("2")).get(5, TimeUnit.SECONDS);
            h1.update(b("1b")).get(5, TimeUnit.SECONDS);
            RecordingWatch watch = new RecordingWatch();
            reader.watch("/services/s/", watch);
            await().until(() -> watch.view().size() == 2);

            fixture.expireOwnerOf(cfg, "/services/s/one");

            await().atMost(Duration.ofSeconds(10)).until(() -> states.states().contains(ConnectionState.RECONNECTED));
            assertThat(states.states()).containsSubsequence(ConnectionState.LOST, ConnectionState.RECONNECTED);
            assertThat(states.restored()).containsExactly(Set.of("/services/s/one", "/services/s/two"));
            await().until(() -> watch.view().equals(Map.of("/services/s/one", "1b", "/services/s/two", "2")));
            assertThat(watch.of("DELETE")).hasSize(2);
            assertThat(writer.connectionState()).isEqualTo(ConnectionState.RECONNECTED);
        }
    }

    @Test
    void closeDeletesKeysAndRevokesTheLeaseAtOnce() throws Exception {
        SextantConfig cfg = config();
        try (Backend reader = Backends.open(cfg)) {
            Backend writer = Backends.open(cfg);
            writer.putEphemeral("/services/s/a", b("a")).get(5, TimeUnit.SECONDS);
            writer.putEphemeral("/services/s/b", b("b")).get(5, TimeUnit.SECONDS);
            RecordingWatch watch = new RecordingWatch();
            reader.watch("/services/s/", watch);
            await().until(() -> watch.view().size() == 2);
            long before = System.nanoTime();
            writer.close();
            await().atMost(Duration.ofMillis(1500)).until(() -> watch.view().isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(fixture.ttl());
            writer.close(); // idempotent
            assertThatThrownBy(() -> writer.putEphemeral("/services/s/c", b("c"))).isInstanceOf(IllegalStateException.class);
        }
    }

    /** Measures put→watch latency across two clients (reported, not asserted: timings are benchmarks). */
    @Test
    void putToWatchLatencyIsMeasuredAndEveryUpdateArrivesInOrder() throws Exception {
        SextantConfig cfg = config();
        rawJetcdBaseline(cfg.namespace()); // first, so JIT warm-up does not favour it
        try (Backend writer = Backends.open(cfg); Backend reader = Backends.open(cfg)) {
            EphemeralHandle h = writer.putEphemeral("/services/lat/i", b("warm")).get(5, TimeUnit.SECONDS);
            java.util.concurrent.BlockingQueue<String> arrivals = new java.util.concurrent.LinkedBlockingQueue<>();
            reader.watch("/services/lat/", new io.sextant.spi.WatchListener() {
                @Override
                public void onSnapshot(Map<String, byte[]> entries, boolean resync) {
                    arrivals.add("snapshot");
                }

                @Override
                public void onPut(String key, byte[] value) {
                    arrivals.add(new String(value, StandardCharsets.UTF_8));
                }

                @Override
                public void onDelete(String key) {
                    arrivals.add("delete");
                }
            });
            assertThat(arrivals.poll(5, TimeUnit.SECONDS)).isEqualTo("snapshot");
            int n = 500;
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                h.update(b("v" + i));
                assertThat(arrivals.poll(5, TimeUnit.SECONDS)).isEqualTo("v" + i);
                nanos[i] = System.nanoTime() - start;
            }
            report("sextant etcd backend", nanos);
        }
    }

    /** The same measurement with two bare jetcd clients, to separate our overhead from the machine's. */
    private static void rawJetcdBaseline(String namespace) throws Exception {
        try (Client writer = fixture.adminClient(); Client reader = fixture.adminClient()) {
            java.util.concurrent.BlockingQueue<String> arrivals = new java.util.concurrent.LinkedBlockingQueue<>();
            io.etcd.jetcd.ByteSequence key = EtcdCluster.bytes("/" + namespace + "/raw/k");
            reader.getWatchClient().watch(key, r -> r.getEvents().forEach(
                    e -> arrivals.add(e.getKeyValue().getValue().toString(StandardCharsets.UTF_8))));
            writer.getKVClient().put(key, EtcdCluster.bytes("warm")).get(5, TimeUnit.SECONDS);
            assertThat(arrivals.poll(5, TimeUnit.SECONDS)).isEqualTo("warm");
            int n = 500;
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                writer.getKVClient().put(key, EtcdCluster.bytes("v" + i));
                assertThat(arrivals.poll(5, TimeUnit.SECONDS)).isEqualTo("v" + i);
                nanos[i] = System.nanoTime() - start;
            }
            report("raw jetcd", nanos);
        }
    }

    private static void report(String what, long[] nanos) {
        int n = nanos.length;
        java.util.Arrays.sort(nanos);
        System.out.printf("%s put->watch latency over %d sequential updates: p50 %.2f ms, p90 %.2f ms, "
                        + "p99 %.2f ms, max %.2f ms%n", what, n, nanos[n / 2] / 1e6, nanos[n * 9 / 10] / 1e6,
                nanos[n * 99 / 100] / 1e6, nanos[n - 1] / 1e6);
    }

    @Test
    void unreachableEndpointFailsWithinTheConnectTimeoutNamingIt() throws Exception {
        int port = EtcdCluster.freePort();
        SextantConfig cfg = SextantConfig.builder().backend("etcd").set("sextant.etcd.endpoints", "http://127.0.0.1:" + port)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Backends.open(cfg)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void badSettingsFailNamingTheKey() {
        assertThatThrownBy(() -> Backends.open(SextantConfig.builder().backend("etcd").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sextant.etcd.endpoints");
        assertThatThrownBy(() -> Backends.open(fixture.config().set("sextant.etcd.endpoints", "127.0.0.1:2").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sextant.etcd.endpoints");
        assertThatThrownBy(() -> Backends.open(fixture.config().set("sextant.tls.ca", "/nonexistent/ca.pem").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sextant.tls.ca");
        assertThatThrownBy(() -> Backends.open(fixture.config().set("sextant.auth.user", "u").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sextant.auth.password");
    }
}
