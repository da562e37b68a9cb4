package io.sextant;

import java.time.Instant;

/**
 * Something an operator asks about after an incident: a connection change, a lost lease or session
 * and its restoration, a repair, a resync, a held mass drop, a corrupt record, a snapshot-file load,
 * a cache update. Delivered to {@link RegistryEventListener}s added with
 * {@link Registry#addEventListener}. Immutable.
 */
public interface RegistryEvent {
    /** When it happened (wall clock of this process). */
    Instant at();

    /** The service it concerns, or {@code null} for registry-wide events (connection changes). */
    default String service() {
        return null;
    }
}
