package io.sextant;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A cache published a new set.
 *
 * @param service           the service
 * @param added             instances added
 * @param removed           instances removed
 * @param updated           instances whose data changed
 * @param size              instances in the new set
 * @param propagationLags   for each added instance that is a new registration, from its
 *                          {@code registeredAt} to this publication (clocks of other hosts may be
 *                          skewed: negative values are clamped to 0). Empty for the cache's first read,
 *                          and without instances the cache removed in the last 5 minutes (a record
 *                          re-created after a lost session or repaired keeps its first
 *                          {@code registeredAt}: its age is not a propagation lag)
 * @param at                when it was published
 */
public record CacheUpdatedEvent(String service, int added, int removed, int updated, int size,
                                List<Duration> propagationLags, Instant at) implements RegistryEvent {
    public CacheUpdatedEvent {
        propagationLags = List.copyOf(propagationLags);
    }
}
