package io.sextant.internal.offline;

import io.sextant.spi.EphemeralHandle;

import java.util.concurrent.CompletableFuture;

/**
 * An ephemeral key registered before the backend could be reached: it keeps the latest value and is
 * written when the backend appears; from then on it forwards to the real handle.
 */
final class DeferredHandle implements EphemeralHandle {
    private final String key;
    private final CompletableFuture<Void> written = new CompletableFuture<>();
    private byte[] value; // guarded by this
    private EphemeralHandle bound; // guarded by this
    private boolean deleted; // guarded by this

    DeferredHandle(String key, byte[] value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public synchronized byte[] value() {
        return bound != null ? bound.value() : value;
    }

    synchronized boolean isDeleted() {
        return deleted;
    }

    synchronized boolean isBound() {
        return bound != null;
    }

    /** The real handle now exists; a value given meanwhile is written through it. */
    void bind(EphemeralHandle real) {
        byte[] latest;
        boolean gone;
        synchronized (this) {
            bound = real;
            latest = value;
            gone = deleted;
        }
        if (gone) {
            real.delete();
            return;
        }
        CompletableFuture<Void> sync = java.util.Arrays.equals(real.value(), latest)
                ? CompletableFuture.completedFuture(null) : real.update(latest);
        sync.whenComplete((v, e) -> written.complete(null));
    }

    @Override
    public CompletableFuture<Void> update(byte[] newValue) {
        EphemeralHandle real;
        synchronized (this) {
            value = newValue;
            real = bound;
        }
        return real != null ? real.update(newValue) : written;
    }

    @Override
    public CompletableFuture<Void> refresh() {
        EphemeralHandle real;
        synchronized (this) {
            real = bound;
        }
        return real != null ? real.refresh() : written;
    }

    @Override
    public CompletableFuture<Void> delete() {
        EphemeralHandle real;
        synchronized (this) {
            deleted = true;
            real = bound;
        }
        if (real == null) {
            written.completeExceptionally(new IllegalStateException(key + " was deleted before it was written"));
            return CompletableFuture.completedFuture(null);
        }
        return real.delete();
    }
}
