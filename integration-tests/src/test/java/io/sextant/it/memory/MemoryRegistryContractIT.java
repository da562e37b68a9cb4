package io.sextant.it.memory;

import io.sextant.it.BackendFixture;
import io.sextant.it.contract.RegistryContract;

/** The contract on the in-process backend. */
class MemoryRegistryContractIT extends RegistryContract {
    @Override
    protected BackendFixture createFixture() {
        return new MemoryFixture();
    }
}
