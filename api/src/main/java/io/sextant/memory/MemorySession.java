package io.sextant.memory;

import java.time.Duration;
import java.time.Instant;

/** One client session of a {@link MemoryServer}; its ephemeral keys live as long as it does. Guarded by the server. */
final class MemorySession {
    final long id;
    final String namespace;
    final Duration ttl;
    final MemoryBackend client;
    /** When the server last heard from the client; set when the server stops. */
    Instant lastContact;
    volatile boolean expired;

    MemorySession(long id, String namespace, Duration ttl, MemoryBackend client, Instant now) {
        this.id = id;
        this.namespace = namespace;
        this.ttl = ttl;
        this.client = client;
        this.lastContact = now;
    }

    @Override
    public String toString() {
        return "session-" + id;
    }
}
