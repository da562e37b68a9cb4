package io.sextant.etcd;

import io.sextant.spi.support.Backoff;

import io.etcd.jetcd.Lease;
import io.sextant.spi.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps the backend's one lease alive: one keep-alive request every TTL/3 on our own timer, each
 * supervised, instead of jetcd's {@code keepAlive} stream. That stream never recovers after an error,
 * ends quietly when its own deadline passes, and schedules on a 500 ms tick, so its gaps reach
 * TTL/3 + 0.5 s (a killed process could vanish before 2/3 of the TTL). Here a keep-alive left unanswered
 * (say by a member cut off from the leader) does not hold back the next ones, and one that fails or goes
 * unanswered for the TTL, with no later one acknowledged, is a suspected loss: the state goes SUSPENDED and the lease is
 * probed with jittered back-off until the cluster answers; a live lease just carries on (RECONNECTED),
 * a lost one (expired, revoked: "lease not found") is replaced by a new lease and every live key is
 * re-put (LOST, then RECONNECTED). All state lives on one single-threaded executor.
 */
final class LeaseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
    private static final int MAX_IN_FLIGHT = 3;

    private final Lease lease;
    private final long ttlSeconds;
    private final Duration ttl;
    private final Duration callTimeout;
    private final Duration requestTimeout;
    private final ScheduledExecutorService exec;
    private final ConnectionStates states;
    private final Backoff backoff;
    private final Seams seams;
    private final Supplier<CompletableFuture<Set<String>>> restoreAll;
    private final Runnable repairFailedWrites;

    private volatile long leaseId;
    private volatile boolean closed;
    /** Keep-alives sent and not yet answered; a hung one must not hold back the next (another member may answer). */
    private int inFlight;
    private boolean recovering;
    private boolean restoring; // a replacement lease is granted and the keys are being re-put onto it
    private int attempt;
    private long lastAckNanos;
    private ScheduledFuture<?> ticker;
    private final List<CompletableFuture<Long>> replacementWaiters = new ArrayList<>(); // touched on exec only

    LeaseKeeper(Lease lease, EtcdSettings settings, ScheduledExecutorService exec, ConnectionStates states,
                Seams seams, Supplier<CompletableFuture<Set<String>>> restoreAll, Runnable repairFailedWrites) {
        this.lease = lease;
        this.ttlSeconds = settings.ttlSeconds();
        this.ttl = Duration.ofSeconds(ttlSeconds);
        // Not acknowledged within the TTL (or the request time-out, if shorter) = suspected loss.
        this.callTimeout = settings.requestTimeout().compareTo(ttl) < 0 ? settings.requestTimeout() : ttl;
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

    /** Grants the first lease and starts the keep-alives; the caller bounds the wait. */
    CompletableFuture<Long> start() {
        return lease.grant(ttlSeconds).thenApplyAsync(g -> {
            leaseId = g.getID();
            lastAckNanos = seams.nanoTime().getAsLong();
            LOG.info("granted lease {} (TTL {} s)", Long.toHexString(leaseId), g.getTTL());
            long period = ttl.toNanos() / 3;
            ticker = exec.scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.NANOSECONDS);
            return leaseId;
        }, exec);
    }

    /**
     * The lease that replaces {@code lost}: at once when the current lease is already another one, else
     * once the replacement is granted; fails after the TTL plus the request time-out, or on close.
     */
    CompletableFuture<Long> leaseAfter(long lost) {
        CompletableFuture<Long> next = new CompletableFuture<>();
        exec.execute(() -> {
            if (closed) {
                next.completeExceptionally(new IllegalStateException("lease keeper stopped"));
            } else if (leaseId != lost) {
                next.complete(leaseId);
            } else {
                replacementWaiters.add(next);
            }
        });
        return next.orTimeout(ttl.plus(requestTimeout).toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A put was refused for {@code id}: if it is still ours, the lease is gone. */
    void putRefused(long id) {
        exec.execute(() -> {
            if (!closed && id == leaseId && !recovering) {
                LOG.warn("lease {} refused by etcd on put (not found)", Long.toHexString(id));
                leaseLost();
            }
        });
    }

    private void keepAlive() {
        if (closed || (recovering && !restoring) || inFlight >= MAX_IN_FLIGHT) {
            return;
        }
        inFlight++;
        long id = leaseId;
        long sent = seams.nanoTime().getAsLong();
        request(id).whenCompleteAsync((ok, t) -> {
            inFlight--;
            if (closed || id != leaseId) {
                return;
            }
            if (recovering) {
                // Restoring onto a replacement lease: keep it alive however long the re-puts take; if it
                // is lost meanwhile, the re-puts fail and the replacement is retried.
                if (t == null) {
                    lastAckNanos = seams.nanoTime().getAsLong();
                }
                return;
            }
            if (t == null) {
                lastAckNanos = seams.nanoTime().getAsLong();
            } else if (Failures.isLeaseNotFound(t)) {
                LOG.warn("lease {} not found on keep-alive", Long.toHexString(id));
                leaseLost();
            } else if (lastAckNanos - sent > 0) {
                LOG.debug("a keep-alive of lease {} failed, a later one was acknowledged: {}", Long.toHexString(id),
                        Failures.describe(t));
            } else {
                long silentMs = (seams.nanoTime().getAsLong() - lastAckNanos) / 1_000_000;
                LOG.warn("keep-alive of lease {} failed after {} ms without acknowledgement: {}; probing",
                        Long.toHexString(id), silentMs, Failures.describe(t));
                startRecovery();
            }
        }, exec);
    }

    private CompletableFuture<Void> request(long id) {
        CompletableFuture<Void> out = new CompletableFuture<>();
        try {
            lease.keepAliveOnce(id).orTimeout(callTimeout.toNanos(), TimeUnit.NANOSECONDS)
                    .whenComplete((r, t) -> {
                        if (t != null) {
                            out.completeExceptionally(t);
                        } else {
                            out.complete(null);
                        }
                    });
        } catch (RuntimeException e) { // jetcd can throw synchronously when its stream cannot start
            out.completeExceptionally(e);
        }
        return out;
    }

    /** A grant whose synchronous failure (jetcd throws when the call cannot start) fails the future instead. */
    private CompletableFuture<io.etcd.jetcd.lease.LeaseGrantResponse> grant() {
        try {
            return lease.grant(ttlSeconds);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void startRecovery() {
        states.to(ConnectionState.SUSPENDED);
        recovering = true;
        attempt = 0;
        retryLater(this::probe); // jittered even the first time: a fleet loses the cluster together
    }

    private void probe() {
        long id = leaseId;
        request(id).whenCompleteAsync((ok, t) -> {
            if (closed) {
                return;
            }
            if (t == null) {
                LOG.info("lease {} alive again", Long.toHexString(id));
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
        grant().orTimeout(callTimeout.toNanos(), TimeUnit.NANOSECONDS)
                .thenComposeAsync(g -> {
                    leaseId = g.getID();
                    restoring = true;
                    List<CompletableFuture<Long>> waiting = new ArrayList<>(replacementWaiters);
                    replacementWaiters.clear();
                    waiting.forEach(w -> w.complete(leaseId));
                    LOG.info("granted replacement lease {}", Long.toHexString(leaseId));
                    return restoreAll.get();
                }, exec)
                .whenCompleteAsync((keys, t) -> {
                    restoring = false;
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
        lastAckNanos = seams.nanoTime().getAsLong();
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
            if (closed) {
                return;
            }
            try {
                step.run();
            } catch (RuntimeException e) { // a step that throws must not end the recovery: try again later
                LOG.warn("lease recovery step failed, retrying: {}", Failures.describe(e));
                retryLater(step);
            }
        }, d.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops keeping the lease alive; returns the lease id to revoke. */
    CompletableFuture<Long> stop() {
        return CompletableFuture.supplyAsync(() -> {
            closed = true;
            if (ticker != null) {
                ticker.cancel(false);
            }
            replacementWaiters.forEach(w -> w.completeExceptionally(new IllegalStateException("lease keeper stopped")));
            replacementWaiters.clear();
            return leaseId;
        }, exec);
    }
}
