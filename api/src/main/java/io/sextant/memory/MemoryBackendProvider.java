package io.sextant.memory;

import io.sextant.spi.Backend;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.BackendProvider;

/**
 * Provides the {@code memory} backend: a client of the in-process {@link MemoryServer} named by
 * {@code sextant.memory.server} (default {@code default}).
 */
public final class MemoryBackendProvider implements BackendProvider {
    /** The key naming the in-process server. */
    public static final String SERVER_KEY = "sextant.memory.server";

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Backend open(BackendConfig config) {
        MemoryServer server = MemoryServer.named(config.property(SERVER_KEY, "default"));
        return MemoryBackend.open(server, config);
    }
}
