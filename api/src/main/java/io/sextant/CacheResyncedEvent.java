package io.sextant;

import java.time.Instant;

/**
 * A cache's watch could not replay what it missed and started again from a full read.
 *
 * @param service   the service
 * @param instances records in the fresh read
 * @param reason    {@code "reconnect"} (after the connection came back) or {@code "gap"} (while
 *                  connected: etcd compacted past the watch, or the watch was re-opened)
 * @param at        when the cache applied it
 */
public record CacheResyncedEvent(String service, int instances, String reason, Instant at) implements RegistryEvent {
}
