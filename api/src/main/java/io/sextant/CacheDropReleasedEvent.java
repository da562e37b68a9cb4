package io.sextant;

import java.time.Instant;

/**
 * A held drop ended: a read confirmed it (the removals are published) or the instances came back.
 *
 * @param service   the service
 * @param instances instances published now
 * @param held      how long the drop was held
 * @param at        when it ended
 */
public record CacheDropReleasedEvent(String service, int instances, java.time.Duration held, Instant at)
        implements RegistryEvent {
}
