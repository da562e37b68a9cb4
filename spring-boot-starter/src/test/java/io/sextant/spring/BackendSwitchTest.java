package io.sextant.spring;

import io.sextant.InstanceSet;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.SextantConfig;
import io.sextant.testing.EtcdCluster;
import io.sextant.testing.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With both clusters' connection properties configured, {@code sextant.backend} alone decides where the
 * application registers: the same application, one property changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendSwitchTest {
    private final String namespace = "t" + UUID.randomUUID().toString().substring(0, 8);
    private ZooKeeperFixture zk;
    private EtcdCluster etcd;

    @BeforeAll
    void startClusters() throws Exception {
        Assumptions.assumeTrue(EtcdCluster.binaryAvailable(), "no etcd binary on PATH");
        zk = ZooKeeperFixture.single();
        etcd = EtcdCluster.start(1);
    }

    @AfterAll
    void stopClusters() throws Exception {
        if (zk != null) {
            zk.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zookeeper", "etcd"})
    void onePropertyPicksTheBackend(String backend) throws Exception {
        Map<String, Object> properties = Map.of(
                "sextant.backend", backend,
                "sextant.zookeeper.connect", zk.connectString(),
                "sextant.etcd.endpoints", etcd.endpoints(),
                "sextant.namespace", namespace,
                "spring.application.name", "switch-" + backend,
                "sextant.registration.host", "127.0.0.1",
                "sextant.registration.port", 4321,
                "sextant.registration.instance-id", "i-" + backend,
                "sextant.registration.drain-delay", "0s");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ServiceBApp.class)
                .web(WebApplicationType.NONE).properties(properties).run()) {
            assertThat(app.getBean(Registry.class).config().backend()).isEqualTo(backend);
            assertThat(registered("zookeeper", "switch-" + backend)).isEqualTo(backend.equals("zookeeper"));
            assertThat(registered("etcd", "switch-" + backend)).isEqualTo(backend.equals("etcd"));
        }
    }

    /** Whether {@code service} has an instance in that backend, read by a separate registry. */
    private boolean registered(String backend, String service) throws InterruptedException {
        SextantConfig config = SextantConfig.builder().backend(backend).namespace(namespace)
                .set("sextant.zookeeper.connect", zk.connectString()).set("sextant.etcd.endpoints", etcd.endpoints())
                .build();
        try (Registry registry = Registry.open(config); ServiceCache cache = registry.cache(service)) {
            assertThat(cache.awaitReady(Duration.ofSeconds(10))).isTrue();
            InstanceSet set = cache.snapshot();
            return set.size() == 1 && set.get(0).port() == 4321;
        }
    }
}
