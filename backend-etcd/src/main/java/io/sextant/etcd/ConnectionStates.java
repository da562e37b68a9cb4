package io.sextant.etcd;

import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** The backend's connection state and its listeners, called one at a time on a serial executor. */
final class ConnectionStates {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStates.class);

    private final String endpoints;
    private final Executor events;
    private final List<BackendListener> listeners = new CopyOnWriteArrayList<>();
    private ConnectionState current = ConnectionState.CONNECTED;

    ConnectionStates(String endpoints, Executor serialEvents) {
        this.endpoints = endpoints;
        this.events = serialEvents;
    }

    void add(BackendListener listener) {
        listeners.add(listener);
    }

    synchronized ConnectionState current() {
        return current;
    }

    /** Moves to {@code next}; SUSPENDED does not hide a LOST; RECONNECTED only follows a loss. */
    void to(ConnectionState next) {
        ConnectionState previous;
        synchronized (this) {
            previous = current;
            if (previous == next
                    || (next == ConnectionState.SUSPENDED && previous == ConnectionState.LOST)
                    || (next == ConnectionState.RECONNECTED && previous.isConnected())) {
                return;
            }
            current = next;
        }
        if (next.isConnected()) {
            LOG.info("etcd {}: {} -> {}", endpoints, previous, next);
        } else {
            LOG.warn("etcd {}: {} -> {}", endpoints, previous, next);
        }
        events.execute(() -> {
            for (BackendListener l : listeners) {
                try {
                    l.onConnectionStateChanged(previous, next);
                } catch (RuntimeException e) {
                    LOG.warn("backend listener {} failed on {} -> {}", l, previous, next, e);
                }
            }
        });
    }

    void restored(Set<String> keys) {
        Set<String> copy = Set.copyOf(keys);
        events.execute(() -> {
            for (BackendListener l : listeners) {
                try {
                    l.onEphemeralsRestored(copy);
                } catch (RuntimeException e) {
                    LOG.warn("backend listener {} failed on restoring {} keys", l, copy.size(), e);
                }
            }
        });
    }
}
