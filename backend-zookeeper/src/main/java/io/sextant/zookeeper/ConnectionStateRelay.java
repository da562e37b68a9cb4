package io.sextant.zookeeper;

import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Maps Curator's connection states to the SPI's (SUSPENDED and READ_ONLY → SUSPENDED, LOST → LOST,
 * RECONNECTED → RECONNECTED, CONNECTED → CONNECTED) and reports them, and restorations, to
 * {@link BackendListener}s one call at a time on a serial executor.
 */
final class ConnectionStateRelay implements ConnectionStateListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStateRelay.class);

    private final List<BackendListener> listeners = new CopyOnWriteArrayList<>();
    private final Executor events;
    private final String connect;
    private RestorationTracker tracker;
    private volatile ConnectionState current = ConnectionState.CONNECTED;

    ConnectionStateRelay(Executor serialEvents, String connect) {
        this.events = serialEvents;
        this.connect = connect;
    }

    void tracker(RestorationTracker restorationTracker) {
        this.tracker = restorationTracker;
    }

    void add(BackendListener listener) {
        listeners.add(listener);
    }

    ConnectionState current() {
        return current;
    }

    @Override
    public void stateChanged(CuratorFramework client, org.apache.curator.framework.state.ConnectionState state) {
        switch (state) {
            case CONNECTED -> publish(ConnectionState.CONNECTED);
            case SUSPENDED, READ_ONLY -> {
                tracker.suspended();
                publish(ConnectionState.SUSPENDED);
            }
            case LOST -> {
                tracker.sessionLost();
                publish(ConnectionState.LOST);
            }
            case RECONNECTED -> tracker.reconnected(() -> publish(ConnectionState.RECONNECTED));
            default -> LOG.debug("Ignoring Curator state {}", state);
        }
    }

    void restored(Set<String> keys) {
        events.execute(() -> listeners.forEach(l -> {
            try {
                l.onEphemeralsRestored(keys);
            } catch (RuntimeException e) {
                LOG.warn("A backend listener threw on restoration of {} key(s)", keys.size(), e);
            }
        }));
    }

    private void publish(ConnectionState next) {
        ConnectionState previous;
        synchronized (this) {
            previous = current;
            if (previous == next) {
                return;
            }
            current = next;
        }
        if (next == ConnectionState.SUSPENDED || next == ConnectionState.LOST) {
            LOG.warn("ZooKeeper {}: connection {}", connect, next);
        } else {
            LOG.info("ZooKeeper {}: connection {}", connect, next);
        }
        events.execute(() -> listeners.forEach(l -> {
            try {
                l.onConnectionStateChanged(previous, next);
            } catch (RuntimeException e) {
                LOG.warn("A backend listener threw on {} -> {}", previous, next, e);
            }
        }));
    }
}
