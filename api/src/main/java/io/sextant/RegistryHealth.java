package io.sextant;

import io.sextant.spi.ConnectionState;

import java.time.Instant;
import java.util.List;

/**
 * What a health check needs to know about a {@link Registry}, read at one moment.
 *
 * @param backend          the backend name ({@code etcd}, {@code zookeeper}, {@code memory})
 * @param connection       the backend connection now
 * @param connectionSince  when it entered that state
 * @param caches           every open cache
 * @param registrations    live registrations
 * @param pending          registrations made while the backend has been unreachable since open
 *                         ({@code sextant.start.offline}), written when it appears
 * @param awaitingRepair   registrations whose last verification or write failed: the supervisor keeps
 *                         retrying them with back-off
 */
public record RegistryHealth(String backend, ConnectionState connection, Instant connectionSince,
                             List<CacheHealth> caches, int registrations, int pending, int awaitingRepair) {
    public RegistryHealth {
        caches = List.copyOf(caches);
    }

    /**
     * Connected, and no registration pending or waiting for a repair (stale caches alone do not make
     * it unhealthy).
     */
    public boolean isHealthy() {
        return connection.isConnected() && pending == 0 && awaitingRepair == 0;
    }

    /** The caches served stale now. */
    public List<CacheHealth> staleCaches() {
        return caches.stream().filter(CacheHealth::stale).toList();
    }
}
