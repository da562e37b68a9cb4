package io.sextant;

import java.time.Duration;

/**
 * The state of one watched cache, in {@link RegistryHealth}.
 *
 * @param service        the service
 * @param instances      instances served now
 * @param ready          whether the first read (or snapshot file) was applied
 * @param stale          whether the set is served stale (disconnected, or a drop is held)
 * @param staleFor       how long it has been stale; {@link Duration#ZERO} when fresh
 * @param corruptRecords records of the service skipped so far
 */
public record CacheHealth(String service, int instances, boolean ready, boolean stale, Duration staleFor,
                          long corruptRecords) {
}
