package io.sextant.spi;

import java.util.Map;

/**
 * Receives the contents of a watched prefix: a full snapshot first, then ordered changes, then (after
 * any gap the backend cannot replay) a new full snapshot marked {@code resync}.
 *
 * <p>Calls for one watch are serialized and in order. Keys are relative to the namespace. Values are
 * the raw bytes stored; the listener owns the arrays. Implementations must not block.
 */
public interface WatchListener {

    /**
     * Every key under the prefix and its value, as of one consistent read.
     *
     * @param entries the whole content; replaces everything known before
     * @param resync  {@code false} for the first snapshot of the watch, {@code true} for a later one
     *                delivered because events could not be replayed
     */
    void onSnapshot(Map<String, byte[]> entries, boolean resync);

    /** A key was created or its value replaced. */
    void onPut(String key, byte[] value);

    /** A key was deleted (or its ephemeral owner went away). */
    void onDelete(String key);
}
