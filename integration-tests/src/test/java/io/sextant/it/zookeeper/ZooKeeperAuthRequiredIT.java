package io.sextant.it.zookeeper;

import io.sextant.testing.ZooKeeperFixture;

import io.sextant.BackendUnavailableException;
import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server that enforces authentication refuses a client without credentials, clearly and at once. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZooKeeperAuthRequiredIT {
    private static ZooKeeperFixture zk;

    @BeforeAll
    static void startServer() throws Exception {
        zk = ZooKeeperFixture.single(Map.of("enforce.auth.enabled", "true", "enforce.auth.schemes", "digest"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    void aClientWithoutCredentialsIsRefusedNamingTheConnectString() {
        SextantConfig anonymous = zk.config().namespace(freshNamespace("enforced")).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> open(anonymous)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining(zk.connectString()).hasMessageContaining("sextant.auth.user");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aClientWithDigestCredentialsWorks() throws Exception {
        SextantConfig alice = zk.config().namespace(freshNamespace("enforced"))
                .set("sextant.auth.user", "alice").set("sextant.auth.password", "pw").build();
        try (Backend b = open(alice)) {
            b.putEphemeral("/services/orders/i-1", bytes("a")).get(5, TimeUnit.SECONDS);
            assertThat(b.get("/services/orders/i-1").get(5, TimeUnit.SECONDS)).isPresent();
        }
    }
}
