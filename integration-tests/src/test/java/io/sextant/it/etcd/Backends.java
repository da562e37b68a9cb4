package io.sextant.it.etcd;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.BackendProvider;

import java.util.ServiceLoader;

/** Opens Backends through the provider that ServiceLoader finds for a config's backend name. */
final class Backends {
    private Backends() {
    }

    static Backend open(SextantConfig config) {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals(config.backend())) {
                return p.open(BackendConfig.from(config));
            }
        }
        throw new IllegalStateException("no provider named " + config.backend());
    }
}
