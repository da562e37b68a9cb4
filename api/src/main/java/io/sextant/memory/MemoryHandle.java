package io.sextant.memory;

import io.sextant.spi.EphemeralHandle;

import java.util.concurrent.CompletableFuture;

/** An open ephemeral key of a {@link MemoryBackend}. */
final class MemoryHandle implements EphemeralHandle {
    private final MemoryBackend backend;
    private final String key;
    private volatile byte[] value;
    private volatile boolean deleted;

    MemoryHandle(MemoryBackend backend, String key, byte[] value) {
        this.backend = backend;
        this.key = key;
        this.value = value.clone();
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    byte[] rawValue() {
        return value;
    }

    boolean isDeleted() {
        return deleted;
    }

    @Override
    public CompletableFuture<Void> update(byte[] newValue) {
        if (deleted) {
            return CompletableFuture.failedFuture(new IllegalStateException("handle of " + key + " is deleted"));
        }
        value = newValue.clone();
        return backend.write(this, false);
    }

    @Override
    public CompletableFuture<Void> refresh() {
        if (deleted) {
            return CompletableFuture.failedFuture(new IllegalStateException("handle of " + key + " is deleted"));
        }
        return backend.write(this, true);
    }

    @Override
    public CompletableFuture<Void> delete() {
        if (deleted) {
            return CompletableFuture.completedFuture(null);
        }
        deleted = true;
        return backend.deleteHandle(this);
    }
}
