package io.sextant.it.zookeeper;

import io.sextant.testing.ZooKeeperFixture;

import io.sextant.testing.BackendFixture;
import io.sextant.testing.RegistryContract;

/** The contract on real ZooKeeper: one in-JVM server, or {@code SEXTANT_TEST_ZOOKEEPER_CONNECT}. */
class ZooKeeperRegistryContractIT extends RegistryContract {
    @Override
    protected BackendFixture createFixture() throws Exception {
        return ZooKeeperFixture.fromEnvironment();
    }
}
