package io.sextant.etcd;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/** The live ephemeral keys of one backend, all written with its current lease. */
final class Ephemerals {
    private static final Logger LOG = LoggerFactory.getLogger(Ephemerals.class);
    private static final int LEASE_RETRIES = 3;

    private final KvOps kv;
    private final LongSupplier leaseId;
    private final LongConsumer leaseFailed;
    private final LongFunction<CompletableFuture<Long>> leaseAfter;
    private final ConcurrentMap<String, EtcdEphemeralHandle> live = new ConcurrentHashMap<>();
    /** Deletes of deregistered keys not yet answered; a new handle of the key writes after them. */
    private final ConcurrentMap<String, CompletableFuture<Void>> deleting = new ConcurrentHashMap<>();
    private final DeleteRetrier deleteRetrier;

    /**
     * @param leaseFailed told the lease id a put was refused for with "lease not found", so the lease
     *                    keeper can recover at once instead of at its next keep-alive
     */
    Ephemerals(KvOps kv, LongSupplier leaseId, LongConsumer leaseFailed, ScheduledExecutorService timer, Seams seams) {
        this(kv, leaseId, leaseFailed, id -> CompletableFuture.failedFuture(new IllegalStateException("no lease keeper")),
                timer, seams);
    }

    /**
     * @param leaseAfter completes with the lease that replaces a lost one, so a put refused for a lost lease
     *                   is repeated on its replacement instead of failing its caller
     */
    Ephemerals(KvOps kv, LongSupplier leaseId, LongConsumer leaseFailed, LongFunction<CompletableFuture<Long>> leaseAfter,
               ScheduledExecutorService timer, Seams seams) {
        this.kv = kv;
        this.leaseId = leaseId;
        this.leaseFailed = leaseFailed;
        this.leaseAfter = leaseAfter;
        this.deleteRetrier = new DeleteRetrier(timer, seams, this::retryDelete, live::containsKey);
    }

    /** Opens (or re-values) the handle of {@code key} and writes it. */
    CompletableFuture<EtcdEphemeralHandle> open(String key, byte[] value) {
        kv.keys().key(key); // validates now, in the caller's thread
        boolean[] created = new boolean[1];
        EtcdEphemeralHandle[] replaced = new EtcdEphemeralHandle[1];
        CompletableFuture<Void> gate = new CompletableFuture<>();
        EtcdEphemeralHandle handle;
        CompletableFuture<Void> pending;
        synchronized (deleting) { // pairs with retryDelete: either it sees this handle or we see its delete
            handle = live.compute(key, (k, existing) -> {
                if (existing != null && !existing.isDeleted()) {
                    return existing;
                }
                created[0] = true;
                replaced[0] = existing;
                return new EtcdEphemeralHandle(k, value, this, gate);
            });
            pending = deleting.get(key);
        }
        if (created[0]) {
            // A deleted handle of the same key may still have its delete in flight: the new handle's
            // writes wait for it, or that delete could land after them and remove the new registration.
            CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
            CompletableFuture.allOf(replaced[0] != null ? replaced[0].delete() : done, pending != null ? pending : done)
                    .whenComplete((v, t) -> gate.complete(null));
        }
        CompletableFuture<Void> write = created[0] ? handle.write() : handle.update(value);
        return write.handle((v, t) -> {
            if (t == null) {
                return CompletableFuture.completedFuture(handle);
            }
            if (created[0]) {
                // Not registered: make sure no stray copy outlives the failed call.
                handle.delete();
            }
            return CompletableFuture.<EtcdEphemeralHandle>failedFuture(Failures.unwrap(t));
        }).thenCompose(f -> f);
    }

    long leaseId() {
        return leaseId.getAsLong();
    }

    CompletableFuture<Void> put(String key, byte[] value, long lease) {
        return onLiveLease(lease, LEASE_RETRIES, l -> kv.put(key, value, l));
    }

    CompletableFuture<Void> putIfDifferent(String key, byte[] value, long lease) {
        return onLiveLease(lease, LEASE_RETRIES, l -> kv.putIfDifferent(key, value, l));
    }

    /**
     * Writes with {@code lease}; refused because the lease is gone (it expired while etcd was too busy to
     * renew it, say), the write waits for the replacement lease and is repeated on it, a few times at most.
     */
    private CompletableFuture<Void> onLiveLease(long lease, int retries, LongFunction<CompletableFuture<Void>> write) {
        return write.apply(lease).whenComplete((v, t) -> reportLease(t, lease)).exceptionallyCompose(t -> {
            if (retries <= 0 || !Failures.isLeaseNotFound(t)) {
                return CompletableFuture.failedFuture(Failures.unwrap(t));
            }
            LOG.debug("a write with lost lease {} waits for its replacement", Long.toHexString(lease));
            return leaseAfter.apply(lease).thenCompose(next -> onLiveLease(next, retries - 1, write));
        });
    }

    /** Deletes a deregistered key; a failed delete is retried in the background (the caller still sees it fail). */
    CompletableFuture<Void> deleteKey(String key) {
        return kv.delete(key).<Void>thenApply(d -> null).whenComplete((v, t) -> {
            if (t != null) {
                deleteRetrier.retry(key);
            }
        });
    }

    /** Stops background work (on close). */
    void close() {
        deleteRetrier.close();
    }

    /** The handle was deleted; {@code deletion} completes when the cluster has answered its delete. */
    void forget(EtcdEphemeralHandle handle, CompletableFuture<Void> deletion) {
        String key = handle.key();
        awaitDelete(key, deletion); // before leaving `live`, so a new handle of the key always sees it
        live.remove(key, handle);
    }

    /** A background retry of a deregistered key's delete, unless the key was registered again. */
    private CompletableFuture<Boolean> retryDelete(String key) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (deleting) {
            if (live.containsKey(key)) {
                return CompletableFuture.completedFuture(false);
            }
            awaitDelete(key, done);
        }
        return kv.delete(key).whenComplete((r, t) -> done.complete(null));
    }

    private void awaitDelete(String key, CompletableFuture<Void> deletion) {
        CompletableFuture<Void> stored = deleting.merge(key, deletion, (a, b) -> CompletableFuture.allOf(a, b));
        stored.whenComplete((v, t) -> deleting.remove(key, stored));
    }

    Set<String> keys() {
        return new TreeSet<>(live.keySet());
    }

    /** Re-puts every live key (latest value, current lease); completes with the keys written. */
    CompletableFuture<Set<String>> restoreAll() {
        List<EtcdEphemeralHandle> handles = new ArrayList<>(live.values());
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (EtcdEphemeralHandle h : handles) {
            writes.add(h.write());
        }
        LOG.info("re-putting {} ephemeral keys with lease {}", handles.size(), Long.toHexString(leaseId()));
        return CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            Set<String> keys = new TreeSet<>();
            for (EtcdEphemeralHandle h : handles) {
                if (!h.isDeleted()) {
                    keys.add(h.key());
                }
            }
            return keys;
        });
    }

    /** After a reconnect with the same lease: re-puts the keys whose last write failed meanwhile. */
    void repairFailedWrites() {
        for (EtcdEphemeralHandle h : live.values()) {
            if (h.isDirty() && !h.isDeleted()) {
                LOG.info("re-putting {} after its write failed while disconnected", h.key());
                h.write().whenComplete((v, t) -> {
                    if (t != null) {
                        LOG.warn("re-putting {} failed: {}", h.key(), Failures.describe(t));
                    }
                });
            }
        }
    }

    /** Deletes every live key (on close). */
    CompletableFuture<Void> deleteAll() {
        List<CompletableFuture<Void>> deletes = new ArrayList<>();
        for (EtcdEphemeralHandle h : new ArrayList<>(live.values())) {
            deletes.add(h.delete());
        }
        return CompletableFuture.allOf(deletes.toArray(new CompletableFuture<?>[0]));
    }

    private void reportLease(Throwable t, long lease) {
        if (t != null && Failures.isLeaseNotFound(t)) {
            leaseFailed.accept(lease);
        }
    }
}
