package io.sextant.memory;

import io.sextant.spi.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * One watch of a prefix. The server enqueues calls under its lock, so they keep the order of the
 * changes; a serial executor delivers them one at a time.
 */
final class MemoryWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryWatch.class);

    final String namespace;
    final String prefix;
    private final MemoryServer server;
    private final WatchListener listener;
    private final ExecutorService executor;
    private final Object deliveryLock = new Object();
    private boolean closed;
    /** Guarded by the server: whether a snapshot was given, and whether changes were missed since. */
    boolean snapshotDelivered;
    boolean gap = true;

    MemoryWatch(MemoryServer server, String namespace, String prefix, WatchListener listener) {
        this.server = server;
        this.namespace = namespace;
        this.prefix = prefix;
        this.listener = listener;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sextant-memory-watch " + prefix);
            t.setDaemon(true);
            return t;
        });
    }

    boolean matches(String ns, String key) {
        return namespace.equals(ns) && key.startsWith(prefix);
    }

    void snapshot(Map<String, byte[]> entries) {
        boolean resync = snapshotDelivered;
        snapshotDelivered = true;
        gap = false;
        submit(() -> listener.onSnapshot(entries, resync));
    }

    void put(String key, byte[] value) {
        submit(() -> listener.onPut(key, value));
    }

    void delete(String key) {
        submit(() -> listener.onDelete(key));
    }

    private void submit(Runnable call) {
        try {
            executor.execute(() -> {
                synchronized (deliveryLock) {
                    if (closed) {
                        return;
                    }
                    try {
                        call.run();
                    } catch (RuntimeException e) {
                        LOG.warn("watch listener of {} threw", prefix, e);
                    }
                }
            });
        } catch (RejectedExecutionException closedAlready) {
            // the watch is closed
        }
    }

    @Override
    public void close() {
        server.removeWatch(this);
        synchronized (deliveryLock) {
            closed = true;
        }
        executor.shutdown();
    }
}
