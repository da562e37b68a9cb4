package io.sextant.it.etcd;

import io.sextant.testing.EtcdFixture;
import io.sextant.testing.TcpProxy;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.etcd.EtcdBackendIT.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The writer cut off from etcd by a TCP proxy: a short cut keeps or restores, a long one re-leases. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EtcdPartitionIT {
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

    private static int memberPort() {
        String url = fixture.cluster().members().get(0).clientUrl();
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    @Test
    void partitionLongerThanTheTtlGetsANewLeaseAndEveryKeyBack() throws Exception {
        SextantConfig direct = fixture.config().namespace("partition-long").build();
        try (TcpProxy proxy = new TcpProxy(memberPort());
             Backend writer = Backends.open(direct.toBuilder().set("sextant.etcd.endpoints", proxy.url()).build());
             Backend reader = Backends.open(direct)) {
            StateRecorder states = new StateRecorder();
            writer.addListener(states);
            EphemeralHandle one = writer.putEphemeral("/services/s/one", b("1")).get(5, TimeUnit.SECONDS);
            writer.putEphemeral("/services/s/two", b("2")).get(5, TimeUnit.SECONDS);
            RecordingWatch watch = new RecordingWatch();
            reader.watch("/services/s/", watch);
            await().until(() -> watch.view().size() == 2);

            proxy.cut();
            // The server expires the lease: the watcher sees the keys go.
            await().atMost(fixture.ttl().plusSeconds(5)).until(() -> watch.view().isEmpty());
            assertThat(writer.connectionState().isConnected()).isFalse();
            one.update(b("1-partitioned")); // fails now, kept for the restore
            proxy.restore();

            Map<String, String> truth = new TreeMap<>(Map.of("/services/s/one", "1-partitioned", "/services/s/two", "2"));
            await().atMost(Duration.ofSeconds(15)).until(() -> watch.view().equals(truth));
            await().until(() -> writer.connectionState() == ConnectionState.RECONNECTED);
            assertThat(states.states()).contains(ConnectionState.SUSPENDED, ConnectionState.LOST)
                    .endsWith(ConnectionState.RECONNECTED);
            assertThat(states.restored()).last().isEqualTo(Set.of("/services/s/one", "/services/s/two"));
        }
    }

    @Test
    void shortPartitionIsSuspendedThenReconnectedWithTheKeysInPlace() throws Exception {
        SextantConfig direct = fixture.config().namespace("partition-short").build();
        try (TcpProxy proxy = new TcpProxy(memberPort());
             Backend writer = Backends.open(direct.toBuilder().set("sextant.etcd.endpoints", proxy.url()).build());
             Backend reader = Backends.open(direct)) {
            StateRecorder states = new StateRecorder();
            writer.addListener(states);
            writer.putEphemeral("/services/s/a", b("a")).get(5, TimeUnit.SECONDS);
            RecordingWatch watch = new RecordingWatch();
            reader.watch("/services/s/", watch);
            await().until(() -> watch.view().size() == 1);

            proxy.cut();
            await().atMost(Duration.ofSeconds(3)).until(() -> states.states().contains(ConnectionState.SUSPENDED));
            proxy.restore();

            await().atMost(Duration.ofSeconds(10)).until(() -> writer.connectionState() == ConnectionState.RECONNECTED);
            await().until(() -> watch.view().equals(Map.of("/services/s/a", "a")));
            assertThat(reader.get("/services/s/a").get(5, TimeUnit.SECONDS)).isPresent();
        }
    }
}
