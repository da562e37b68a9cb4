package io.sextant.it.zookeeper;

import io.sextant.testing.ZooKeeperFixture;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.zookeeper.RecordingWatchListener.bytes;
import static io.sextant.it.zookeeper.ZkTestSupport.freshNamespace;
import static io.sextant.it.zookeeper.ZkTestSupport.open;
import static org.awaitility.Awaitility.await;

/** The backend against the official ZooKeeper image, where Docker exists (skipped cleanly elsewhere). */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ZooKeeperContainerIT {

    @Container
    private static final GenericContainer<?> ZOOKEEPER = new GenericContainer<>(DockerImageName.parse("zookeeper:3.9"))
            .withExposedPorts(2181)
            .withEnv("ZOO_4LW_COMMANDS_WHITELIST", "ruok,srvr,cons")
            .waitingFor(Wait.forListeningPort());

    @Test
    void registrationsSurviveAServerSideSessionExpiry() throws Exception {
        ZooKeeperFixture zk = ZooKeeperFixture.external(ZOOKEEPER.getHost() + ":" + ZOOKEEPER.getMappedPort(2181));
        // The image's default tick (2 s) makes 4 s the shortest session.
        SextantConfig config = zk.config().ttl(Duration.ofSeconds(6)).namespace(freshNamespace("container")).build();
        try (Backend writer = open(config); Backend watcher = open(config)) {
            RecordingWatchListener seen = new RecordingWatchListener();
            try (AutoCloseable w = watcher.watch("/services/orders/", seen)) {
                writer.putEphemeral("/services/orders/i-1", bytes("a")).get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(20)).until(() -> seen.state().equals(Map.of("/services/orders/i-1", "a")));
                zk.expireOwnerOf(config, "/services/orders/i-1");
                await().atMost(Duration.ofSeconds(30)).until(() -> seen.count("DELETE") == 1
                        && seen.state().equals(Map.of("/services/orders/i-1", "a")));
            }
        }
    }
}
