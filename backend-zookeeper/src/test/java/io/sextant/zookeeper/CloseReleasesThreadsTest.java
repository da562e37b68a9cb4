package io.sextant.zookeeper;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.WatchListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Closing a backend stops every thread it started, on a real in-process ZooKeeper. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseReleasesThreadsTest {

    @Test
    void closeLeavesNoThreadOfTheBackendAlive() throws Exception {
        try (EmbeddedZooKeeper server = new EmbeddedZooKeeper().start()) {
            SextantConfig config = SextantConfig.builder().backend("zookeeper")
                    .set("sextant.zookeeper.connect", server.connectString()).namespace("threads")
                    .ttl(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(5))
                    .requestTimeout(Duration.ofSeconds(3)).build();
            List<Thread> before = live();
            Backend backend = new ZooKeeperBackendProvider().open(BackendConfig.from(config));
            AtomicBoolean snapshot = new AtomicBoolean();
            backend.watch("/services/", new WatchListener() {
                @Override
                public void onSnapshot(Map<String, byte[]> entries, boolean resync) {
                    snapshot.set(true);
                }

                @Override
                public void onPut(String key, byte[] value) {
                }

                @Override
                public void onDelete(String key) {
                }
            });
            backend.putEphemeral("/services/orders/i-1", "a".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).untilTrue(snapshot);
            backend.get("/services/orders/i-1").get(5, TimeUnit.SECONDS);

            backend.close();

            // Curator's run-safe executor (CuratorCache callbacks) is one it never shuts down unless it is ours.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(live())
                    .filteredOn(t -> !before.contains(t) && isClientThread(t))
                    .extracting(Thread::getName).isEmpty());
        }
    }

    private static boolean isClientThread(Thread t) {
        String n = t.getName();
        return n.startsWith("sextant-zk") || n.contains("SendThread") || n.contains("EventThread");
    }

    private static List<Thread> live() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).toList();
    }
}
