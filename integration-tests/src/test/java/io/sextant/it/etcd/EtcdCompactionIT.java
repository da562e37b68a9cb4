package io.sextant.it.etcd;

import io.sextant.testing.EtcdCluster;
import io.sextant.testing.EtcdFixture;
import io.sextant.testing.TcpProxy;

import io.etcd.jetcd.Client;
import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.EphemeralHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.etcd.EtcdBackendIT.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Compaction past a disconnected watcher's revision: it resyncs and ends with the right set. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EtcdCompactionIT {
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

    @Test
    void watcherBehindCompactionResyncsToTheTruth() throws Exception {
        SextantConfig direct = fixture.config().namespace("compaction").build();
        String url = fixture.cluster().members().get(0).clientUrl();
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        try (TcpProxy proxy = new TcpProxy(port);
             Backend writer = Backends.open(direct);
             Backend reader = Backends.open(direct.toBuilder().set("sextant.etcd.endpoints", proxy.url()).build());
             Client admin = fixture.adminClient()) {
            EphemeralHandle stays = writer.putEphemeral("/services/c/stays", b("s0")).get(5, TimeUnit.SECONDS);
            EphemeralHandle goes = writer.putEphemeral("/services/c/goes", b("g0")).get(5, TimeUnit.SECONDS);
            RecordingWatch watch = new RecordingWatch();
            reader.watch("/services/c/", watch);
            await().until(() -> watch.view().size() == 2);
            for (int i = 1; i <= 3; i++) {
                stays.update(b("s" + i)).get(5, TimeUnit.SECONDS);
            }
            await().until(() -> "s3".equals(watch.view().get("/services/c/stays")));

            proxy.cut();
            stays.update(b("s-gap")).get(5, TimeUnit.SECONDS);
            goes.delete().get(5, TimeUnit.SECONDS);
            writer.putEphemeral("/services/c/new", b("n")).get(5, TimeUnit.SECONDS);
            long revision = admin.getKVClient().get(EtcdCluster.bytes("/")).get(5, TimeUnit.SECONDS)
                    .getHeader().getRevision();
            admin.getKVClient().compact(revision).get(5, TimeUnit.SECONDS);
            proxy.restore();

            Map<String, String> truth = new TreeMap<>(Map.of("/services/c/stays", "s-gap", "/services/c/new", "n"));
            await().atMost(Duration.ofSeconds(15)).until(() -> watch.view().equals(truth));
            assertThat(watch.of("RESYNC")).hasSize(1);

            // The watch goes on after the resync, and nothing was applied twice before the gap.
            stays.update(b("after")).get(5, TimeUnit.SECONDS);
            truth.put("/services/c/stays", "after");
            await().until(() -> watch.view().equals(truth));
            List<String> staysPuts = watch.of("PUT").stream().filter(e -> e.key().equals("/services/c/stays"))
                    .map(RecordingWatch.Event::value).toList();
            assertThat(staysPuts).containsExactly("s1", "s2", "s3", "after");
        }
    }
}
