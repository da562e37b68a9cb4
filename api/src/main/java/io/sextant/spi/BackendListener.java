package io.sextant.spi;

import java.util.Set;

/**
 * Receives a backend's connection state changes and ephemeral restorations.
 *
 * <p>Called from a backend thread, one call at a time; never block in it.
 */
public interface BackendListener {

    /** The connection went from {@code previous} to {@code current}. */
    void onConnectionStateChanged(ConnectionState previous, ConnectionState current);

    /**
     * The backend re-created these ephemeral keys after losing its lease or session. Reported after
     * the keys are back (before or with {@link ConnectionState#RECONNECTED}).
     */
    default void onEphemeralsRestored(Set<String> keys) {
    }
}
