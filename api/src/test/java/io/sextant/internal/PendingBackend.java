package io.sextant.internal;

import io.sextant.spi.Backend;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import io.sextant.spi.WatchListener;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A backend whose puts complete only when the test says so: for time-out paths a real server cannot produce on demand. */
final class PendingBackend implements Backend {
    final CompletableFuture<EphemeralHandle> put = new CompletableFuture<>();
    final AtomicInteger deletes = new AtomicInteger();

    EphemeralHandle handle(String key) {
        return new EphemeralHandle() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public byte[] value() {
                return new byte[0];
            }

            @Override
            public CompletableFuture<Void> update(byte[] value) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> refresh() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> delete() {
                deletes.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    @Override
    public CompletableFuture<EphemeralHandle> putEphemeral(String key, byte[] value) {
        return put;
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<Optional<byte[]>> get(String key) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> list(String prefix) {
        return new CompletableFuture<>();
    }

    @Override
    public AutoCloseable watch(String prefix, WatchListener listener) {
        return () -> { };
    }

    @Override
    public void addListener(BackendListener listener) {
    }

    @Override
    public ConnectionState connectionState() {
        return ConnectionState.CONNECTED;
    }

    @Override
    public void close() {
    }
}
