package io.sextant.memory;

import io.sextant.spi.Backend;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import io.sextant.spi.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * A client of a {@link MemoryServer} with one session. Requests run at once against the server;
 * connection changes and session recovery run on the client's own event thread.
 */
final class MemoryBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryBackend.class);

    private final MemoryServer server;
    private final BackendConfig config;
    private final ExecutorService events;
    private final Map<String, MemoryHandle> handles = new ConcurrentHashMap<>();
    private final Set<MemoryWatch> watches = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<BackendListener> listeners = new CopyOnWriteArrayList<>();
    private volatile MemorySession session;
    private volatile ConnectionState state = ConnectionState.CONNECTED;
    private volatile boolean closed;

    private MemoryBackend(MemoryServer server, BackendConfig config) {
        this.server = server;
        this.config = config;
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sextant-memory-client");
            t.setDaemon(true);
            return t;
        });
    }

    static MemoryBackend open(MemoryServer server, BackendConfig config) {
        MemoryBackend b = new MemoryBackend(server, config);
        try {
            b.session = server.openSession(b, config.namespace(), config.ttl());
        } catch (RuntimeException e) {
            b.events.shutdown();
            throw e;
        }
        return b;
    }

    @Override
    public CompletableFuture<EphemeralHandle> putEphemeral(String key, byte[] value) {
        return call(() -> {
            server.put(session, key, value, false);
            MemoryHandle h = new MemoryHandle(this, key, value);
            handles.put(key, h);
            return h;
        });
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return call(() -> server.delete(config.namespace(), key));
    }

    @Override
    public CompletableFuture<Optional<byte[]>> get(String key) {
        return call(() -> server.get(config.namespace(), key));
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> list(String prefix) {
        return call(() -> server.list(config.namespace(), prefix));
    }

    @Override
    public AutoCloseable watch(String prefix, WatchListener listener) {
        MemoryWatch w = new MemoryWatch(server, config.namespace(), prefix, listener);
        watches.add(w);
        server.addWatch(w);
        return () -> {
            watches.remove(w);
            w.close();
        };
    }

    @Override
    public void addListener(BackendListener listener) {
        listeners.add(listener);
    }

    @Override
    public ConnectionState connectionState() {
        return state;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watches.forEach(MemoryWatch::close);
        handles.clear();
        server.closeClient(this, session);
        events.shutdown();
    }

    boolean isClosed() {
        return closed;
    }

    CompletableFuture<Void> write(String key, byte[] value, boolean onlyIfDifferent) {
        return call(() -> {
            server.put(session, key, value, onlyIfDifferent);
            return null;
        });
    }

    CompletableFuture<Void> deleteHandle(MemoryHandle handle) {
        handles.remove(handle.key(), handle);
        return call(() -> {
            server.delete(config.namespace(), handle.key());
            return null;
        });
    }

    void serverStopped() {
        onEventThread(() -> setState(ConnectionState.SUSPENDED));
    }

    void serverStarted() {
        onEventThread(() -> {
            if (session.expired) {
                recover();
            } else if (!state.isConnected()) {
                setState(ConnectionState.RECONNECTED);
            }
        });
    }

    void sessionExpired() {
        onEventThread(() -> {
            if (session.expired) {
                recover();
            }
        });
    }

    /** Session lost: report it, open a new one, re-create every open key with its latest value. */
    private void recover() {
        setState(ConnectionState.LOST);
        try {
            MemorySession fresh = server.openSession(this, config.namespace(), config.ttl());
            session = fresh;
            Set<String> restored = new TreeSet<>();
            for (MemoryHandle h : new TreeMap<>(handles).values()) {
                server.put(fresh, h.key(), h.rawValue(), false);
                restored.add(h.key());
            }
            for (BackendListener l : restored.isEmpty() ? List.<BackendListener>of() : listeners) {
                try {
                    l.onEphemeralsRestored(Set.copyOf(restored));
                } catch (RuntimeException e) {
                    LOG.warn("backend listener threw on restore", e);
                }
            }
            setState(ConnectionState.RECONNECTED);
        } catch (RuntimeException e) {
            LOG.debug("memory session recovery deferred until the server runs: {}", e.toString());
        }
    }

    private void setState(ConnectionState next) {
        ConnectionState previous = state;
        if (previous == next || closed) {
            return;
        }
        state = next;
        for (BackendListener l : listeners) {
            try {
                l.onConnectionStateChanged(previous, next);
            } catch (RuntimeException e) {
                LOG.warn("backend listener threw on {} -> {}", previous, next, e);
            }
        }
    }

    private void onEventThread(Runnable task) {
        if (closed) {
            return;
        }
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private static <T> CompletableFuture<T> call(Supplier<T> action) {
        try {
            return CompletableFuture.completedFuture(action.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
