package io.sextant.internal.offline;

import io.sextant.BackendUnavailableException;
import io.sextant.spi.Backend;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import io.sextant.spi.WatchListener;
import io.sextant.spi.support.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The backend of a registry opened while its cluster was unreachable. Until the real backend can be
 * opened (retried in the background with back-off), registrations are kept (with their latest data)
 * and watches are remembered; reads fail with {@link BackendUnavailableException}; the state is
 * {@link ConnectionState#SUSPENDED}. When the real backend opens, listeners hear {@code CONNECTED},
 * watches open on it (their first snapshot follows), and every kept registration is written. From
 * then on every call goes straight to the real backend.
 */
public final class DeferredBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredBackend.class);

    private final String description;
    private final Supplier<Backend> opener;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final List<BackendListener> listeners = new CopyOnWriteArrayList<>();
    private final List<DeferredHandle> handles = new ArrayList<>(); // guarded by this
    private final List<DeferredWatch> watches = new ArrayList<>(); // guarded by this
    private volatile Backend real;
    private volatile boolean closed;
    private int attempts; // on the scheduler thread

    /**
     * @param description what to name in logs (backend and endpoints)
     * @param opener      opens the real backend, throwing while it cannot be reached
     */
    public DeferredBackend(String description, Supplier<Backend> opener, ScheduledExecutorService scheduler,
                           Backoff backoff) {
        this.description = description;
        this.opener = opener;
        this.scheduler = scheduler;
        this.backoff = backoff;
    }

    /** Starts trying to open the real backend, at once and then with back-off. */
    public void start() {
        schedule(0);
    }

    /** Registrations kept for the backend that are not written yet. */
    public synchronized int pendingRegistrations() {
        return (int) handles.stream().filter(h -> !h.isDeleted() && !h.isBound()).count();
    }

    /** Whether the real backend is open. */
    public boolean isBound() {
        return real != null;
    }

    private void schedule(long delayNanos) {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(this::attempt, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // registry closing
        }
    }

    private void attempt() {
        if (closed) {
            return;
        }
        Backend opened;
        try {
            opened = opener.get();
        } catch (RuntimeException e) {
            Duration next = backoff.delay(attempts++);
            LOG.warn("{} still unreachable (attempt {}), serving what is known and retrying in {} ms: {}",
                    description, attempts, next.toMillis(), e.getMessage());
            schedule(next.toNanos());
            return;
        }
        if (closed) {
            opened.close();
            return;
        }
        bind(opened);
    }

    private void bind(Backend opened) {
        List<DeferredHandle> keep;
        List<DeferredWatch> open;
        List<BackendListener> heard;
        synchronized (this) {
            real = opened;
            heard = new ArrayList<>(listeners);
            keep = new ArrayList<>(handles);
            open = new ArrayList<>(watches);
            handles.clear();
            watches.clear();
        }
        LOG.info("{} reachable: opening {} watches, writing {} queued registrations", description, open.size(),
                keep.stream().filter(h -> !h.isDeleted()).count());
        for (BackendListener l : heard) {
            opened.addListener(l);
        }
        ConnectionState now = opened.connectionState();
        for (BackendListener l : heard) {
            try {
                l.onConnectionStateChanged(ConnectionState.SUSPENDED, now);
            } catch (RuntimeException e) {
                LOG.warn("backend listener threw", e);
            }
        }
        open.forEach(w -> w.bind(opened));
        keep.forEach(h -> write(opened, h, 0));
    }

    private void write(Backend opened, DeferredHandle h, int attempt) {
        if (closed || h.isDeleted()) {
            return;
        }
        CompletableFuture<EphemeralHandle> put;
        try {
            put = opened.putEphemeral(h.key(), h.value());
        } catch (RuntimeException e) {
            put = CompletableFuture.failedFuture(e);
        }
        put.whenComplete((handle, err) -> {
            if (err == null) {
                h.bind(handle);
            } else {
                Duration next = backoff.delay(attempt);
                LOG.warn("writing queued registration {} failed, retrying in {} ms: {}", h.key(), next.toMillis(),
                        err.toString());
                try {
                    scheduler.schedule(() -> write(opened, h, attempt + 1), next.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    // registry closing
                }
            }
        });
    }

    @Override
    public CompletableFuture<EphemeralHandle> putEphemeral(String key, byte[] value) {
        Backend r = real;
        if (r == null) {
            synchronized (this) {
                if (real == null) {
                    DeferredHandle h = new DeferredHandle(key, value);
                    handles.add(h);
                    return CompletableFuture.completedFuture(h);
                }
            }
            r = real;
        }
        return r.putEphemeral(key, value);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        Backend r = real;
        return r != null ? r.delete(key) : unavailable();
    }

    @Override
    public CompletableFuture<Optional<byte[]>> get(String key) {
        Backend r = real;
        return r != null ? r.get(key) : unavailable();
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> list(String prefix) {
        Backend r = real;
        return r != null ? r.list(prefix) : unavailable();
    }

    @Override
    public AutoCloseable watch(String prefix, WatchListener listener) {
        Backend r = real;
        if (r == null) {
            synchronized (this) {
                if (real == null) {
                    DeferredWatch w = new DeferredWatch(prefix, listener);
                    watches.add(w);
                    return w;
                }
            }
            r = real;
        }
        return r.watch(prefix, listener);
    }

    @Override
    public void addListener(BackendListener listener) {
        synchronized (this) {
            listeners.add(listener);
            if (real == null) {
                return;
            }
        }
        real.addListener(listener);
    }

    @Override
    public ConnectionState connectionState() {
        Backend r = real;
        return r != null ? r.connectionState() : ConnectionState.SUSPENDED;
    }

    @Override
    public void close() {
        closed = true;
        Backend r = real;
        if (r != null) {
            r.close();
        }
    }

    private <T> CompletableFuture<T> unavailable() {
        return CompletableFuture.failedFuture(new BackendUnavailableException(description
                + " has not been reachable since this registry opened"));
    }

    @Override
    public String toString() {
        return "DeferredBackend{" + description + (real == null ? ", waiting" : ", open") + "}";
    }

}
