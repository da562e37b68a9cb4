package io.sextant.etcd;

import io.sextant.spi.support.Checks;

import io.sextant.spi.EphemeralHandle;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One ephemeral key. Its writes run one after another, and each reads the latest value and lease when
 * it runs, so a restore racing an update can never leave an older value behind.
 */
final class EtcdEphemeralHandle implements EphemeralHandle {
    private final String key;
    private final Ephemerals owner;
    private volatile byte[] value;
    private volatile boolean deleted;
    private volatile boolean dirty;
    private CompletableFuture<Void> tail;
    private CompletableFuture<Void> deletion;

    /** @param gate every write of this key waits for it (the delete of a previous handle of the key) */
    EtcdEphemeralHandle(String key, byte[] value, Ephemerals owner, CompletableFuture<Void> gate) {
        this.key = key;
        this.value = value.clone();
        this.owner = owner;
        this.tail = gate;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    boolean isDeleted() {
        return deleted;
    }

    /** Whether the last write of this key failed, so the cluster may hold an older value. */
    boolean isDirty() {
        return dirty;
    }

    /** Puts the latest value with the current lease, after every earlier write of this key. */
    CompletableFuture<Void> write() {
        return enqueue(() -> deleted ? CompletableFuture.completedFuture(null)
                : tracked(owner.put(key, value, owner.leaseId())));
    }

    private CompletableFuture<Void> tracked(CompletableFuture<Void> write) {
        dirty = true;
        return write.whenComplete((v, t) -> dirty = t != null);
    }

    @Override
    public CompletableFuture<Void> update(byte[] newValue) {
        io.sextant.spi.support.Checks.notNull("value", newValue);
        if (deleted) {
            return CompletableFuture.failedFuture(new IllegalStateException("ephemeral " + key + " was deleted"));
        }
        this.value = newValue.clone();
        return write();
    }

    @Override
    public CompletableFuture<Void> refresh() {
        if (deleted) {
            return CompletableFuture.failedFuture(new IllegalStateException("ephemeral " + key + " was deleted"));
        }
        return enqueue(() -> deleted ? CompletableFuture.completedFuture(null)
                : tracked(owner.putIfDifferent(key, value, owner.leaseId())));
    }

    @Override
    public synchronized CompletableFuture<Void> delete() {
        if (deletion == null) {
            deleted = true;
            deletion = enqueue(() -> owner.deleteKey(key));
            owner.forget(this, deletion);
        }
        return deletion;
    }

    private synchronized CompletableFuture<Void> enqueue(Supplier<CompletableFuture<Void>> op) {
        CompletableFuture<Void> next = tail.handle((r, t) -> null).thenCompose(x -> op.get());
        tail = next;
        return next;
    }

    @Override
    public String toString() {
        return "EtcdEphemeralHandle[" + key + (deleted ? ", deleted]" : "]");
    }
}
