package io.sextant.etcd;

import io.sextant.spi.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Guards a {@link WatchListener}: catches and logs its exceptions, and once {@link #close()} returns no
 * call reaches it any more (close waits for a call in progress).
 */
final class SerializedListener {
    private static final Logger LOG = LoggerFactory.getLogger(SerializedListener.class);

    private final String prefix;
    private final WatchListener delegate;
    private volatile boolean closed;

    SerializedListener(String prefix, WatchListener delegate) {
        this.prefix = prefix;
        this.delegate = delegate;
    }

    boolean isClosed() {
        return closed;
    }

    synchronized void snapshot(Map<String, byte[]> entries, boolean resync) {
        if (!closed) {
            try {
                delegate.onSnapshot(entries, resync);
            } catch (RuntimeException e) {
                LOG.warn("watch listener of {} failed on a snapshot of {} keys", prefix, entries.size(), e);
            }
        }
    }

    synchronized void put(String key, byte[] value) {
        if (!closed) {
            try {
                delegate.onPut(key, value);
            } catch (RuntimeException e) {
                LOG.warn("watch listener of {} failed on put {}", prefix, key, e);
            }
        }
    }

    synchronized void delete(String key) {
        if (!closed) {
            try {
                delegate.onDelete(key);
            } catch (RuntimeException e) {
                LOG.warn("watch listener of {} failed on delete {}", prefix, key, e);
            }
        }
    }

    void close() {
        closed = true;
        synchronized (this) {
            // waits for a call in progress on another thread
        }
    }
}
