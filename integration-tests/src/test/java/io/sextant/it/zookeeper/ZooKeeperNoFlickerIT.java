package io.sextant.it.zookeeper;

import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.testing.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.zookeeper.ZkTestSupport.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole ensemble down for longer than the session timeout, then back, round after round: no watcher
 * ever sees a live instance removed. Curator gives each registrant's session up during the outage and
 * opens a new one; the server, restarted, keeps the old session (and its nodes) for one more session
 * timeout. Unless the registrant takes its nodes over at once, they vanish when that old session ends
 * and come back a moment later (a flicker watchers act on).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ZooKeeperNoFlickerIT {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperNoFlickerIT.class);
    private static final Duration SESSION = Duration.ofMillis(1500);
    /** Rounds: as many as fit in about a minute here; {@code -Dsextant.it.flicker.rounds=20} for the full run. */
    private static final int ROUNDS = Integer.getInteger("sextant.it.flicker.rounds", 8);
    private static final Duration WAIT = Duration.ofSeconds(30);
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
    void liveInstancesNeverFlickerAfterAnOutageLongerThanTheSessionTimeout() throws Exception {
        SextantConfig config = zk.config().namespace(freshNamespace("flicker")).ttl(SESSION)
                .supervisorInterval(Duration.ofSeconds(1)).build();
        RecordingWatchListener raw = new RecordingWatchListener();
        List<String> cacheRemovals = new CopyOnWriteArrayList<>();
        try (Registry first = Registry.open(config); Registry second = Registry.open(config);
             Registry reader = Registry.open(config); Backend watcher = ZkTestSupport.open(config);
             AutoCloseable w = watcher.watch("/services/", raw)) {
            for (int i = 0; i < 7; i++) {
                (i < 4 ? first : second).register(ServiceInstance.builder("flicker").id("i-" + i)
                        .host("127.0.0.1").port(9000 + i).build());
            }
            ServiceCache cache = reader.cache("flicker");
            cache.addListener(change -> change.removed().forEach(r -> cacheRemovals.add(r.id())));
            await().atMost(WAIT).until(() -> raw.state().size() == 7 && cache.snapshot().size() == 7);

            for (int round = 1; round <= ROUNDS; round++) {
                Map<String, Long> owners = owners(config);
                Set<Long> oldSessions = Set.copyOf(owners.values());
                zk.stopAll();
                try {
                    // Longer than the session timeout (Curator declares both registrants' sessions lost);
                    // the caches serve their last set throughout.
                    await().during(SESSION.multipliedBy(2)).atMost(SESSION.multipliedBy(2).plusSeconds(5))
                            .until(() -> raw.count("DELETE") == 0 && cacheRemovals.isEmpty());
                } finally {
                    zk.startAll();
                }
                // Every node is held by a new session ...
                await().atMost(WAIT).ignoreExceptions().until(() -> owners(config).size() == 7
                        && owners(config).values().stream().noneMatch(oldSessions::contains));
                // ... and nothing is removed while the old sessions run out on the server and after.
                await().during(SESSION.plusMillis(1500)).atMost(SESSION.plusSeconds(10))
                        .until(() -> raw.count("DELETE") == 0 && cacheRemovals.isEmpty());
                assertThat(raw.state()).hasSize(7);
                LOG.info("round {}: no removal; {} events so far", round, raw.events().size());
            }
            assertThat(raw.events()).as("watch history").noneMatch(e -> e.type().equals("DELETE"));
            assertThat(cacheRemovals).as("removals seen by the cache's listener").isEmpty();
            assertThat(cache.snapshot().size()).isEqualTo(7);
        } finally {
            LOG.info("watch history: {}", raw.events());
        }
    }

    /** The ephemeral owner of every record, read on a plain client. */
    private static Map<String, Long> owners(SextantConfig config) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (org.apache.zookeeper.ZooKeeper zkc = ZooKeeperFixture.connectRaw(zk.connectString(), 5_000)) {
            String base = "/" + config.namespace() + "/services/flicker";
            for (String child : zkc.getChildren(base, false)) {
                org.apache.zookeeper.data.Stat stat = zkc.exists(base + "/" + child, false);
                if (stat != null) {
                    out.put(child, stat.getEphemeralOwner());
                }
            }
        }
        return out;
    }
}
