package io.sextant;

import java.time.Instant;

/**
 * A cache held back removals that would empty its set or drop more than the configured share of it
 * while the connection was unstable: it keeps serving the removed instances (marked stale) until a
 * fresh read confirms the drop. Additions and updates are still published.
 *
 * @param service   the service
 * @param published instances published before the drop
 * @param remaining instances the backend view still has
 * @param at        when the hold began
 */
public record CacheDropHeldEvent(String service, int published, int remaining, Instant at) implements RegistryEvent {
}
