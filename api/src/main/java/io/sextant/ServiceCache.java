package io.sextant;

import java.time.Duration;

/**
 * A watched, local, always-readable view of one service's instances.
 *
 * <p><b>Reads.</b> {@link #snapshot()} is a single volatile read: no lock, no allocation, safe from
 * any thread at any rate. The returned {@link InstanceSet} never changes; a later call may return a
 * newer one.
 *
 * <p><b>Consistency.</b> The cache follows the backend's watch: it starts from a full read, applies
 * ordered events, and after a gap it cannot replay (etcd compaction, ZooKeeper reconnect) starts again
 * from a full read ("resync"). Bursts of events are coalesced: every event already queued is applied
 * before one new set is published, so listeners may see several backend events as one change and
 * will not see intermediate states that were superseded before publication.
 *
 * <p><b>Outages.</b> While the backend is suspended or lost the cache keeps serving its last set,
 * marked {@linkplain InstanceSet#isStale() stale} with the time it became so. An update that would
 * empty a non-empty set, or drop more than the configured share of it at once, while the connection is
 * unstable or right after a resync is held back until a fresh read of the backend confirms it; in
 * steady state every change is applied at once.
 *
 * <p><b>Handles.</b> Every call to {@link Registry#cache(String)} returns a new handle; the handles of
 * one service share one watch and one set. Closing a handle removes its listeners and affects no
 * other handle; the watch stops when the last handle of the service is closed (or the registry is).
 * Reading a closed handle throws {@link IllegalStateException}, so a caller never keeps routing from
 * a set that no longer follows the backend.
 *
 * <p>Thread-safe.
 */
public interface ServiceCache extends AutoCloseable {

    /** The service this cache watches. */
    String service();

    /**
     * The current set. Never {@code null}; empty (revision 0) until the first read completes.
     *
     * @throws IllegalStateException when this handle is closed
     */
    InstanceSet snapshot();

    /** Whether the first full read (or a snapshot file) has been applied. */
    boolean isReady();

    /**
     * Blocks until the cache {@linkplain #isReady() is ready} or {@code timeout} passes.
     *
     * @return {@code true} when ready, {@code false} on time-out
     * @throws InterruptedException when interrupted while waiting
     */
    boolean awaitReady(Duration timeout) throws InterruptedException;

    /** Adds a listener for later changes. Listeners are called on the cache's event thread, in order. */
    void addListener(ServiceCacheListener listener);

    /** Removes a listener; no-op when absent. */
    void removeListener(ServiceCacheListener listener);

    /** How many backend records of this service were skipped because they did not parse or validate. */
    long corruptRecordCount();

    /** Whether this handle was closed (by its holder, or by closing the registry). */
    default boolean isClosed() {
        return false;
    }

    /**
     * Closes this handle: its listeners are removed, other handles of the service go on. Idempotent;
     * does not throw.
     */
    @Override
    void close();
}
