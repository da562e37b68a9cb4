package io.sextant.grpc;

import io.sextant.Registry;
import io.sextant.SextantConfig;

import java.util.function.Supplier;

/**
 * Where a resolver gets its {@link Registry}: one given by the application, or one opened on first
 * use from a configuration (and then owned, so closed with its provider). Opening may block up to
 * the configuration's connect timeout, so it is only done off the channel's synchronization context.
 */
final class RegistrySource implements AutoCloseable {
    private final Registry given;
    private final Supplier<SextantConfig> config;
    private Registry opened; // guarded by this

    private RegistrySource(Registry given, Supplier<SextantConfig> config) {
        this.given = given;
        this.config = config;
    }

    static RegistrySource of(Registry registry) {
        return new RegistrySource(registry, null);
    }

    static RegistrySource opening(Supplier<SextantConfig> config) {
        return new RegistrySource(null, config);
    }

    /** The registry, opened now if it was not yet; a failed open is retried at the next call. */
    Registry registry() {
        if (given != null) {
            return given;
        }
        synchronized (this) {
            if (opened == null) {
                opened = Registry.open(config.get());
            }
            return opened;
        }
    }

    @Override
    public void close() {
        Registry r;
        synchronized (this) {
            r = opened;
            opened = null;
        }
        if (r != null) {
            r.close();
        }
    }

    @Override
    public String toString() {
        return given != null ? "given registry" : "registry opened from configuration";
    }
}
