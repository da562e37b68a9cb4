package io.sextant.testing;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.BackendProvider;

import java.util.ServiceLoader;

/** Opens a bare SPI {@link Backend} (no core), to write what a misbehaving client would. */
public final class RawBackends {
    private RawBackends() {
    }

    public static Backend open(SextantConfig config) {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals(config.backend()) && p.isAvailable()) {
                return p.open(BackendConfig.from(config));
            }
        }
        throw new IllegalStateException("no backend provider named " + config.backend());
    }
}
