package io.sextant.zookeeper;

import io.sextant.SextantConfig;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A repair (refresh) that re-creates a node after a session loss, on a real in-process ZooKeeper. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RepairDuringRestorationTest {
    private static final String KEY = "/services/orders/i-1";

    @Test
    void aRefreshThatPutsTheNodeBackBeforeTheRecipeCountsAsItsRestoration() throws Exception {
        try (EmbeddedZooKeeper server = new EmbeddedZooKeeper().start()) {
            SextantConfig config = SextantConfig.builder().backend("zookeeper")
                    .set("sextant.zookeeper.connect", server.connectString()).namespace("repair")
                    .ttl(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(5))
                    .requestTimeout(Duration.ofSeconds(3)).build();
            ZooKeeperBackend backend = (ZooKeeperBackend) new ZooKeeperBackendProvider().open(BackendConfig.from(config));
            try {
                List<String> order = new CopyOnWriteArrayList<>();
                Map<ConnectionState, Long> at = new ConcurrentHashMap<>();
                backend.addListener(new BackendListener() {
                    @Override
                    public void onConnectionStateChanged(ConnectionState previous, ConnectionState current) {
                        at.putIfAbsent(current, System.nanoTime());
                        order.add(current.name());
                    }

                    @Override
                    public void onEphemeralsRestored(Set<String> keys) {
                        order.add("RESTORED" + keys);
                    }
                });
                // The supervisor's repair round (started at LOST) wins the race with the recipe: to make that
                // certain, this listener, registered before the recipe's, repairs before the recipe hears RECONNECTED.
                AtomicReference<EphemeralHandle> handle = new AtomicReference<>();
                backend.client().getConnectionStateListenable().addListener((c, state) -> {
                    if (state == org.apache.curator.framework.state.ConnectionState.RECONNECTED) {
                        handle.get().refresh().orTimeout(5, TimeUnit.SECONDS).join();
                    }
                });
                handle.set(backend.putEphemeral(KEY, "a".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS));

                ZooKeeper session = backend.client().getZookeeperClient().getZooKeeper();
                // joining the session and closing it makes the server end it (and delete its ephemeral node)
                // (close only once the duplicate is connected: a close before that may never reach the server)
                java.util.concurrent.CountDownLatch joined = new java.util.concurrent.CountDownLatch(1);
                ZooKeeper duplicate = new ZooKeeper(server.connectString(), 3_000, e -> {
                    if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                        joined.countDown();
                    }
                }, session.getSessionId(), session.getSessionPasswd());
                assertThat(joined.await(10, TimeUnit.SECONDS)).as("joined the session").isTrue();
                duplicate.close();

                await().atMost(Duration.ofSeconds(20)).until(() -> order.contains("RECONNECTED"));
                assertThat(order).containsSubsequence("LOST", "RESTORED[" + KEY + "]", "RECONNECTED");
                assertThat(Duration.ofNanos(at.get(ConnectionState.RECONNECTED) - at.get(ConnectionState.LOST)))
                        .as("RECONNECTED held back although the node was back").isLessThan(Duration.ofSeconds(2));
                assertThat(backend.get(KEY).get(5, TimeUnit.SECONDS)).isPresent();
            } finally {
                backend.close();
            }
        }
    }
}
