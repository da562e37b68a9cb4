package io.sextant.spring;

import java.util.Map;

/** The scenario on a real ZooKeeper server. */
class ZooKeeperDiscoveryTest extends DiscoveryScenario {
    private final TestZooKeeper zk;

    ZooKeeperDiscoveryTest() throws Exception {
        zk = new TestZooKeeper();
    }

    @Override
    Map<String, Object> backendProperties() {
        return Map.of("sextant.backend", "zookeeper", "sextant.zookeeper.connect", zk.connect());
    }

    @Override
    String backendName() {
        return "zookeeper";
    }

    @Override
    void stopCluster() throws Exception {
        zk.stop();
    }

    @Override
    void startCluster() throws Exception {
        zk.restart();
    }

    @Override
    void closeCluster() throws Exception {
        zk.close();
    }
}
