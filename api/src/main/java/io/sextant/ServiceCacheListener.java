package io.sextant;

/**
 * Receives every change a {@link ServiceCache} publishes, in publication order.
 *
 * <p>Called on the cache's event thread, one call at a time: keep it short and never block. An
 * exception thrown here is logged and does not stop other listeners or later changes.
 */
@FunctionalInterface
public interface ServiceCacheListener {
    void onChange(InstanceSetChange change);
}
