package io.sextant.spi.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Bounds the requests one backend has in flight at its cluster ({@value #KEY}; each backend picks its
 * default). Shared by the built-in backends; third-party backends may use it too.
 * A request beyond the limit waits in arrival order and starts when an earlier one completes: callers
 * are never refused and no thread ever waits (back-pressure by queueing, not by failure). The queue
 * holds one small task per call its callers already hold a future for. A request's own time-out starts
 * when it starts, not while it waits.
 */
public final class InFlightLimit {
    /** The configuration key of the limit. */
    public static final String KEY = "sextant.backend.max.in.flight";

    private final int limit;
    private final Executor starter;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight; // guarded by this

    /** @param starter runs a waiting request when a permit frees up (never the completing thread's stack) */
    public InFlightLimit(int limit, Executor starter) {
        if (limit < 1) {
            throw new IllegalArgumentException(KEY + " must be at least 1, got " + limit);
        }
        this.limit = limit;
        this.starter = starter;
    }

    /** Parses the limit from a configuration value ({@code null} or blank: {@code defaultLimit}). */
    public static int parse(String value, int defaultLimit) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(KEY + " must be a whole number of at least 1, got '" + value + "'");
    }

    /** The limit. */
    public int limit() {
        return limit;
    }

    /** Requests running now. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Requests waiting for a permit. */
    /** Requests waiting for a permit. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /**
     * Starts {@code request} now when a permit is free, else once one is; the permit is held until the
     * request's future completes (normally, exceptionally or by its time-out).
     */
    public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> request) {
        CompletableFuture<T> out = new CompletableFuture<>();
        Runnable run = () -> {
            CompletableFuture<T> f;
            try {
                f = request.get();
            } catch (RuntimeException | Error e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((r, t) -> {
                release();
                if (t != null) {
                    out.completeExceptionally(t);
                } else {
                    out.complete(r);
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = inFlight < limit;
            if (now) {
                inFlight++;
            } else {
                waiting.add(run);
            }
        }
        if (now) {
            run.run();
        }
        return out;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        // The permit passes to `next`. Started on the executor: a request failing at once must not
        // start the next one on this stack (thousands deep when the ensemble is down).
        try {
            starter.execute(next);
        } catch (RejectedExecutionException closing) {
            next.run();
        }
    }
}
