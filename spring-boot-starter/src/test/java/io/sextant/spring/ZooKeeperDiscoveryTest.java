package io.sextant.spring;

import io.sextant.testing.ZooKeeperFixture;

import java.util.Map;

/** The scenario on a real ZooKeeper server (Curator's TestingServer in this JVM). */
class ZooKeeperDiscoveryTest extends DiscoveryScenario {
    private final ZooKeeperFixture zk;

    ZooKeeperDiscoveryTest() throws Exception {
        zk = ZooKeeperFixture.single();
    }

    @Override
    Map<String, Object> backendProperties() {
        return Map.of("sextant.backend", "zookeeper", "sextant.zookeeper.connect", zk.connectString());
    }

    @Override
    String backendName() {
        return "zookeeper";
    }

    @Override
    void stopCluster() throws Exception {
        zk.stopAll();
    }

    @Override
    void startCluster() throws Exception {
        zk.startAll();
    }

    @Override
    void closeCluster() throws Exception {
        zk.close();
    }
}
