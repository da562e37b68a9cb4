package io.sextant.spring;

import java.util.Map;

/** The scenario on a real etcd member. */
class EtcdDiscoveryTest extends DiscoveryScenario {
    private final TestEtcd etcd;

    EtcdDiscoveryTest() throws Exception {
        etcd = new TestEtcd();
    }

    @Override
    Map<String, Object> backendProperties() {
        return Map.of("sextant.backend", "etcd", "sextant.etcd.endpoints", etcd.endpoint());
    }

    @Override
    String backendName() {
        return "etcd";
    }

    @Override
    void stopCluster() throws Exception {
        etcd.kill();
    }

    @Override
    void startCluster() throws Exception {
        etcd.start();
    }

    @Override
    void closeCluster() throws Exception {
        etcd.close();
    }
}
