package io.sextant.cli.internal;

import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.SextantConfig;

import java.time.Duration;

/** Opening registries and ready caches for the commands, with failures phrased for a terminal. */
public final class Registries {
    private Registries() {
    }

    /**
     * Opens a registry; fails within the connect timeout.
     *
     * @throws IllegalArgumentException for a malformed key (exit 2)
     * @throws io.sextant.BackendUnavailableException when unreachable or refused (exit 1)
     */
    public static Registry open(SextantConfig config) {
        return Registry.open(config);
    }

    /** A cache of {@code service}, after its first full read (at most the connect plus the request timeout). */
    public static ServiceCache readyCache(Registry registry, String service) {
        return awaitReady(registry, registry.cache(service));
    }

    /** {@code cache}, after its first full read (at most the connect plus the request timeout). */
    public static ServiceCache awaitReady(Registry registry, ServiceCache cache) {
        String service = cache.service();
        Duration wait = registry.config().requestTimeout().plus(registry.config().connectTimeout());
        try {
            if (!cache.awaitReady(wait)) {
                throw CliException.failed("the first read of service '" + service + "' did not complete within "
                        + Texts.duration(wait), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.INTERRUPTED, "interrupted");
        }
        return cache;
    }
}
