package io.sextant.it.etcd;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.EphemeralHandle;
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

import static io.sextant.it.etcd.EtcdBackendIT.b;
import static org.awaitility.Awaitility.await;

/** The backend against etcd in a container; skipped cleanly where there is no Docker engine. */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EtcdContainerIT {

    @Container
    @SuppressWarnings("resource")
    static final GenericContainer<?> ETCD = new GenericContainer<>(DockerImageName.parse("quay.io/coreos/etcd:v3.5.17"))
            .withCommand("etcd", "--name", "c1", "--data-dir", "/tmp/etcd",
                    "--listen-client-urls", "http://0.0.0.0:2379", "--advertise-client-urls", "http://127.0.0.1:2379")
            .withExposedPorts(2379)
            .waitingFor(Wait.forLogMessage(".*ready to serve client requests.*", 1));

    @Test
    void registerUpdateDeregisterReachAWatcher() throws Exception {
        SextantConfig cfg = SextantConfig.builder().backend("etcd").namespace("container")
                .set("sextant.etcd.endpoints", "http://" + ETCD.getHost() + ":" + ETCD.getMappedPort(2379))
                .ttl(Duration.ofSeconds(2)).build();
        try (Backend writer = Backends.open(cfg); Backend reader = Backends.open(cfg)) {
            RecordingWatch watch = new RecordingWatch();
            reader.watch("/services/c/", watch);
            EphemeralHandle h = writer.putEphemeral("/services/c/i", b("1")).get(5, TimeUnit.SECONDS);
            await().until(() -> watch.view().equals(Map.of("/services/c/i", "1")));
            h.update(b("2")).get(5, TimeUnit.SECONDS);
            await().until(() -> watch.view().equals(Map.of("/services/c/i", "2")));
            h.delete().get(5, TimeUnit.SECONDS);
            await().until(() -> watch.view().isEmpty());
        }
    }
}
