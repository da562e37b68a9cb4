package io.sextant.spring;

import io.sextant.testing.EtcdCluster;
import org.junit.jupiter.api.Assumptions;

import java.util.Map;

/** The scenario on a real etcd member (the {@code etcd} binary). */
class EtcdDiscoveryTest extends DiscoveryScenario {
    private final EtcdCluster etcd;

    EtcdDiscoveryTest() throws Exception {
        Assumptions.assumeTrue(EtcdCluster.binaryAvailable(), "no etcd binary on PATH (Debian: apt-get install etcd-server)");
        etcd = EtcdCluster.start(1);
    }

    @Override
    Map<String, Object> backendProperties() {
        return Map.of("sextant.backend", "etcd", "sextant.etcd.endpoints", etcd.endpoints());
    }

    @Override
    String backendName() {
        return "etcd";
    }

    @Override
    void stopCluster() throws Exception {
        etcd.stopAll();
    }

    @Override
    void startCluster() throws Exception {
        etcd.startAll();
    }

    @Override
    void closeCluster() throws Exception {
        etcd.close();
    }
}
