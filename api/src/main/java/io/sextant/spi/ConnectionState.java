package io.sextant.spi;

/** A backend's connection to its cluster, as reported to {@link BackendListener}s. */
public enum ConnectionState {
    /** Connected for the first time. */
    CONNECTED,
    /** Connection interrupted; ephemeral records may still be alive (lease or session not yet expired). */
    SUSPENDED,
    /** The lease or session is lost: the cluster has deleted, or will delete, this client's ephemerals. */
    LOST,
    /** Connected again after {@link #SUSPENDED} or {@link #LOST}; ephemerals have been re-created. */
    RECONNECTED;

    /** Whether the connection is usable in this state. */
    public boolean isConnected() {
        return this == CONNECTED || this == RECONNECTED;
    }
}
