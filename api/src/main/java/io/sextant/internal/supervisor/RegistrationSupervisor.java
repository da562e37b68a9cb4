package io.sextant.internal.supervisor;

import io.sextant.spi.support.Backoff;

import io.sextant.RegistrationRepairedEvent;
import io.sextant.spi.Backend;
import io.sextant.spi.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Keeps every live registration in the backend with its current data. A verification round reads
 * each key and writes it back when missing ({@link io.sextant.spi.EphemeralHandle#refresh()}) or
 * different ({@link SupervisedRecord#rewrite()}, the registration's latest data). Rounds run every
 * interval ±20%, at once after {@code LOST}, {@code RECONNECTED} or a
 * reported restoration, and after failures with exponential back-off.
 *
 * <p>All its own work runs on the single {@code scheduler} thread; backend callbacks only hop onto it.
 */
public final class RegistrationSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationSupervisor.class);

    private final Backend backend;
    private final Duration interval;
    private final Duration requestTimeout;
    private final ScheduledExecutorService scheduler;
    private final Consumer<RegistrationRepairedEvent> onRepair;
    private final Backoff backoff;
    private final Map<String, SupervisedRecord> records = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final AtomicLong repairs = new AtomicLong();
    private final AtomicLong restores = new AtomicLong();
    // guarded by the scheduler thread
    private boolean roundRunning;
    private boolean roundAgain;
    private int failures;
    private ScheduledFuture<?> nextRound;
    private volatile boolean stopped;

    public RegistrationSupervisor(Backend backend, Duration interval, Duration requestTimeout,
                                  ScheduledExecutorService scheduler, DoubleSupplier random,
                                  Consumer<RegistrationRepairedEvent> onRepair) {
        this.backend = backend;
        this.interval = interval;
        this.requestTimeout = requestTimeout;
        this.scheduler = scheduler;
        this.onRepair = onRepair;
        this.backoff = new Backoff(Duration.ofMillis(100), interval, random);
    }

    public void start() {
        onScheduler(() -> scheduleRound(backoff.jitter(interval)));
    }

    public void add(SupervisedRecord record) {
        records.put(record.key(), record);
    }

    /** Stops supervising {@code record}; a newer record of the same key stays. */
    public void remove(String key, SupervisedRecord record) {
        if (records.remove(key, record)) {
            failing.remove(key);
        }
    }

    /** Registrations whose last verification or repair failed (retried with back-off). */
    public int awaitingRepair() {
        failing.retainAll(records.keySet());
        return failing.size();
    }

    public long repairs() {
        return repairs.get();
    }

    public long restores() {
        return restores.get();
    }

    /** A connection change: verify at once after a loss or a reconnect. Never blocks. */
    public void connectionChanged(ConnectionState current) {
        if (current == ConnectionState.LOST || current == ConnectionState.RECONNECTED) {
            onScheduler(this::runRound);
        }
    }

    /** The backend re-created {@code keys}: report ours, then verify their data. Never blocks. */
    public void ephemeralsRestored(Set<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        restores.incrementAndGet();
        onScheduler(() -> {
            for (String key : keys) {
                SupervisedRecord r = records.get(key);
                if (r != null) {
                    emit(new RegistrationRepairedEvent(r.instance(), "backend-restored"));
                }
            }
            runRound();
        });
    }

    /** Runs a verification round now (tests, and after restorations). */
    public void verifyNow() {
        onScheduler(this::runRound);
    }

    public void stop() {
        stopped = true;
    }

    private void runRound() {
        if (stopped) {
            return;
        }
        if (roundRunning) {
            roundAgain = true;
            return;
        }
        if (nextRound != null) {
            nextRound.cancel(false);
        }
        roundRunning = true;
        List<CompletableFuture<Boolean>> checks = new ArrayList<>();
        for (SupervisedRecord r : records.values()) {
            checks.add(verify(r));
        }
        CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).whenComplete((v, err) -> onScheduler(() -> {
            roundRunning = false;
            boolean ok = checks.stream().allMatch(f -> !f.isCompletedExceptionally() && f.join());
            failures = ok ? 0 : failures + 1;
            if (roundAgain) {
                roundAgain = false;
                runRound();
            } else {
                scheduleRound(ok ? backoff.jitter(interval) : backoff.delay(failures - 1));
            }
        }));
    }

    /** Completes with {@code true} when the key is right or was repaired, {@code false} on failure. */
    private CompletableFuture<Boolean> verify(SupervisedRecord r) {
        byte[] expected = r.data();
        CompletableFuture<Optional<byte[]>> read;
        try {
            read = backend.get(r.key());
        } catch (RuntimeException e) { // thrown out of runRound it would leave roundRunning set: no round ever again
            read = CompletableFuture.failedFuture(e);
        }
        return read.thenApply(x -> x).orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(found -> repairIfNeeded(r, expected, found))
                .exceptionally(e -> {
                    LOG.debug("verifying {} failed: {}", r.key(), e.toString());
                    return false;
                })
                .thenApply(ok -> {
                    if (ok) {
                        failing.remove(r.key());
                    } else {
                        failing.add(r.key());
                    }
                    return ok;
                });
    }

    private CompletableFuture<Boolean> repairIfNeeded(SupervisedRecord r, byte[] expected, Optional<byte[]> found) {
        if (records.get(r.key()) != r || !Arrays.equals(r.data(), expected)) {
            return CompletableFuture.completedFuture(true); // closed or updated meanwhile: the update writes it
        }
        if (found.isPresent() && Arrays.equals(found.get(), expected)) {
            return CompletableFuture.completedFuture(true);
        }
        String reason = found.isPresent() ? "changed" : "missing";
        // A present key with other data gets the registration's data itself, not the handle's idea of it: a
        // handle whose own update failed before it took the value would otherwise write old data back forever.
        CompletableFuture<Void> write = found.isPresent() ? r.rewrite() : r.handle().refresh();
        return write.thenApply(x -> x).orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(v -> {
                    repairs.incrementAndGet();
                    LOG.info("repaired registration {} ({})", r.key(), reason);
                    onScheduler(() -> emit(new RegistrationRepairedEvent(r.instance(), reason)));
                    return true;
                });
    }

    private void emit(RegistrationRepairedEvent event) {
        try {
            onRepair.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("repair listener threw", e);
        }
    }

    private void scheduleRound(Duration delay) {
        if (stopped) {
            return;
        }
        try {
            nextRound = scheduler.schedule(this::runRound, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // registry closing
        }
    }

    private void onScheduler(Runnable task) {
        if (stopped) {
            return;
        }
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            // registry closing
        }
    }
}
