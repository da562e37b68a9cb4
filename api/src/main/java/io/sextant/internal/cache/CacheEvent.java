package io.sextant.internal.cache;

import io.sextant.spi.ConnectionState;

import java.util.Map;

/** What the applier of a cache is told; queued by watch threads, timers and read callbacks. */
sealed interface CacheEvent {

    record Snapshot(Map<String, byte[]> entries, boolean resync) implements CacheEvent {
    }

    record Put(String key, byte[] value) implements CacheEvent {
    }

    record Delete(String key) implements CacheEvent {
    }

    record Connection(ConnectionState state) implements CacheEvent {
    }

    /** Look at the backend's state now (it may have changed before the cache could hear of it). */
    record ConnectionCheck() implements CacheEvent {
    }

    /** A fresh {@code list} of the prefix; {@code stable} when issued while connected and settled. */
    record ReadResult(long generation, Map<String, byte[]> entries, boolean stable) implements CacheEvent {
    }

    record ReadFailed(long generation, Throwable cause) implements CacheEvent {
    }

    /** A timer fired: time to check whether a held update can be confirmed. */
    record Tick() implements CacheEvent {
    }
}
