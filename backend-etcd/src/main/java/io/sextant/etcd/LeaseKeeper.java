package io.sextant.etcd;

import io.etcd.jetcd.Lease;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import io.sextant.spi.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps the backend's one lease alive and supervises its keep-alive stream.
 *
 * <p>jetcd's keep-alive never recovers after a stream error and can also end quietly, so any error,
 * completion, or a keep-alive not acknowledged within the TTL closes the stream and starts recovery:
 * probe the lease with {@code keepAliveOnce} (with jittered back-off) until the cluster answers; a live
 * lease gets a new stream, a lost one is replaced by a new lease and every live key is re-put. All state
 * lives on one single-threaded executor.
 */
final class LeaseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final Lease lease;
    private final long ttlSeconds;
    private final Duration ttl;
    private final Duration requestTimeout;
    private final ScheduledExecutorService exec;
    private final ConnectionStates states;
    private final Backoff backoff;
    private final Seams seams;
    private final Supplier<CompletableFuture<Set<String>>> restoreAll;
    private final Runnable repairFailedWrites;

    private volatile long leaseId;
    private volatile boolean closed;
    private CloseableClient stream;
    private long streamGeneration;
    private long lastAckNanos;
    private boolean recovering;
    private int attempt;
    private ScheduledFuture<?> watchdog;

    LeaseKeeper(Lease lease, EtcdSettings settings, ScheduledExecutorService exec, ConnectionStates states,
                Seams seams, Supplier<CompletableFuture<Set<String>>> restoreAll, Runnable repairFailedWrites) {
        this.lease = lease;
        this.ttlSeconds = settings.ttlSeconds();
        this.ttl = Duration.ofSeconds(ttlSeconds);
        this.requestTimeout = settings.requestTimeout();
        this.exec = exec;
        this.states = states;
        this.seams = seams;
        this.restoreAll = restoreAll;
        this.repairFailedWrites = repairFailedWrites;
        Duration max = Duration.ofMillis(Math.max(200, Math.min(ttl.toMillis() / 2, 3000)));
        this.backoff = new Backoff(Duration.ofMillis(100), max, seams.random());
    }

    long leaseId() {
        return leaseId;
    }

    /** Grants the first lease; the caller bounds the wait. */
    CompletableFuture<Long> start() {
        return lease.grant(ttlSeconds).thenApplyAsync(g -> {
            leaseId = g.getID();
            LOG.info("granted lease {} (TTL {} s)", Long.toHexString(leaseId), g.getTTL());
            startStream();
            long period = Math.max(100, ttl.toMillis() / 3);
            watchdog = exec.scheduleWithFixedDelay(this::checkAcknowledged, period, period, TimeUnit.MILLISECONDS);
            return leaseId;
        }, exec);
    }

    /** A put was refused for {@code id}: if it is still ours, the lease is gone. */
    void putRefused(long id) {
        exec.execute(() -> {
            if (!closed && id == leaseId && !recovering) {
                LOG.warn("lease {} refused by etcd on put (not found)", Long.toHexString(id));
                closeStream();
                leaseLost();
            }
        });
    }

    private void startStream() {
        long generation = ++streamGeneration;
        lastAckNanos = seams.nanoTime().getAsLong();
        stream = lease.keepAlive(leaseId, new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse r) {
                exec.execute(() -> acknowledged(generation));
            }

            @Override
            public void onError(Throwable t) {
                exec.execute(() -> streamEnded(generation, t));
            }

            @Override
            public void onCompleted() {
                exec.execute(() -> streamEnded(generation, null));
            }
        });
    }

    private void acknowledged(long generation) {
        if (generation == streamGeneration && !closed) {
            lastAckNanos = seams.nanoTime().getAsLong();
        }
    }

    private void streamEnded(long generation, Throwable t) {
        if (closed || generation != streamGeneration || recovering) {
            return;
        }
        closeStream();
        if (t != null && Failures.isLeaseNotFound(t)) {
            LOG.warn("lease {} not found on keep-alive", Long.toHexString(leaseId));
            leaseLost();
            return;
        }
        LOG.warn("keep-alive stream of lease {} {}; probing", Long.toHexString(leaseId),
                t == null ? "ended quietly" : "failed: " + Failures.describe(t));
        startRecovery();
    }

    private void checkAcknowledged() {
        if (closed || recovering) {
            return;
        }
        long silentNanos = seams.nanoTime().getAsLong() - lastAckNanos;
        if (silentNanos > ttl.toNanos()) {
            LOG.warn("keep-alive of lease {} not acknowledged for {} ms (TTL {} s): suspected loss",
                    Long.toHexString(leaseId), silentNanos / 1_000_000, ttlSeconds);
            closeStream();
            startRecovery();
        }
    }

    private void startRecovery() {
        states.to(ConnectionState.SUSPENDED);
        recovering = true;
        attempt = 0;
        retryLater(this::probe); // jittered even the first time: a fleet loses its streams together
    }

    private void probe() {
        if (closed) {
            return;
        }
        long id = leaseId;
        lease.keepAliveOnce(id).orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((r, t) -> {
                    if (closed) {
                        return;
                    }
                    if (t == null) {
                        LOG.info("lease {} alive again (TTL {} s)", Long.toHexString(id), r.getTTL());
                        recovered(null);
                    } else if (Failures.isLeaseNotFound(t)) {
                        leaseLost();
                    } else {
                        LOG.debug("lease probe failed: {}", Failures.describe(t));
                        retryLater(this::probe);
                    }
                }, exec);
    }

    private void leaseLost() {
        recovering = true;
        attempt = 0;
        states.to(ConnectionState.LOST);
        regrant();
    }

    private void regrant() {
        if (closed) {
            return;
        }
        lease.grant(ttlSeconds).orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenComposeAsync(g -> {
                    leaseId = g.getID();
                    LOG.info("granted replacement lease {}", Long.toHexString(leaseId));
                    return restoreAll.get();
                }, exec)
                .whenCompleteAsync((keys, t) -> {
                    if (closed) {
                        return;
                    }
                    if (t == null) {
                        recovered(keys);
                    } else {
                        LOG.warn("lease replacement failed, retrying: {}", Failures.describe(t));
                        retryLater(this::regrant);
                    }
                }, exec);
    }

    private void recovered(Set<String> restoredKeys) {
        recovering = false;
        startStream();
        if (restoredKeys != null) {
            states.restored(restoredKeys);
        } else {
            repairFailedWrites.run();
        }
        states.to(ConnectionState.RECONNECTED);
    }

    private void retryLater(Runnable step) {
        Duration d = backoff.delay(attempt++);
        exec.schedule(() -> {
            if (!closed) {
                step.run();
            }
        }, d.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void closeStream() {
        streamGeneration++;
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    /** Stops keeping the lease alive; returns the lease id to revoke. */
    CompletableFuture<Long> stop() {
        return CompletableFuture.supplyAsync(() -> {
            closed = true;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            closeStream();
            return leaseId;
        }, exec);
    }
}
