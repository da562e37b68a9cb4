package io.sextant.it.etcd;

import io.sextant.testing.EtcdFixture;

import io.sextant.testing.BackendFixture;
import io.sextant.testing.RegistryContract;

/** The whole contract suite on real etcd (one member started from the binary on PATH). */
class EtcdRegistryContractIT extends RegistryContract {
    @Override
    protected BackendFixture createFixture() throws Exception {
        return EtcdFixture.single();
    }
}
