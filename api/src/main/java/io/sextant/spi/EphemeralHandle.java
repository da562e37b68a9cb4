package io.sextant.spi;

import java.util.concurrent.CompletableFuture;

/**
 * One ephemeral key written by {@link Backend#putEphemeral}. The backend keeps the key present with
 * the latest value while the handle is open and the process lives, re-creating it after a lost lease
 * or expired session.
 *
 * <p>Thread-safe.
 */
public interface EphemeralHandle {

    /** The key, relative to the namespace, e.g. {@code /services/orders/i-1}. */
    String key();

    /** The value the backend keeps (the last one given). */
    byte[] value();

    /**
     * Replaces the value; the new value is the one re-created after a loss even if this write fails.
     *
     * @return completes when the cluster has the value; fails with the backend's error
     */
    CompletableFuture<Void> update(byte[] value);

    /**
     * Writes the current value again (put if absent or different). Used by supervisors repairing a key
     * deleted or changed behind the backend's back.
     */
    CompletableFuture<Void> refresh();

    /**
     * Deletes the key at once and stops keeping it. Idempotent.
     *
     * @return completes when the cluster has deleted it
     */
    CompletableFuture<Void> delete();
}
