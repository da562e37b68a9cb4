package io.sextant.it.memory;

import io.sextant.testing.MemoryFixture;

import io.sextant.testing.BackendFixture;
import io.sextant.testing.RegistryContract;

/** The contract on the in-process backend. */
class MemoryRegistryContractIT extends RegistryContract {
    @Override
    protected BackendFixture createFixture() {
        return new MemoryFixture();
    }
}
