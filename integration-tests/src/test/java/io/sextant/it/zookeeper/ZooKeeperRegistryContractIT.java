package io.sextant.it.zookeeper;

import io.sextant.it.BackendFixture;
import io.sextant.it.contract.RegistryContract;

/** The contract on real ZooKeeper: one in-JVM server, or {@code SEXTANT_TEST_ZOOKEEPER_CONNECT}. */
class ZooKeeperRegistryContractIT extends RegistryContract {
    @Override
    protected BackendFixture createFixture() throws Exception {
        return ZooKeeperFixture.fromEnvironment();
    }
}
