package io.sextant;

import java.time.Instant;

/**
 * A cache started from its snapshot file (served stale until the backend's first read).
 *
 * @param service   the service
 * @param instances instances in the file
 * @param savedAt   when the file was written
 * @param at        when it was loaded
 */
public record SnapshotFileLoadedEvent(String service, int instances, Instant savedAt, Instant at)
        implements RegistryEvent {
}
