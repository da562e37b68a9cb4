package io.sextant.internal;

import io.sextant.InstanceSet;
import io.sextant.ServiceCache;
import io.sextant.ServiceCacheListener;
import io.sextant.internal.cache.WatchedServiceCache;
import io.sextant.spi.support.Checks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One caller's handle on a cache shared by every caller of {@code Registry.cache(service)}: closing it
 * removes only its own listeners and releases its reference; the watch ends with the last handle.
 * Reading a closed handle throws, so nobody routes from a set that no longer follows the backend.
 */
final class CacheHandle implements ServiceCache {
    private final WatchedServiceCache shared;
    private final Consumer<CacheHandle> onClose;
    private final List<ServiceCacheListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    CacheHandle(WatchedServiceCache shared, Consumer<CacheHandle> onClose) {
        this.shared = shared;
        this.onClose = onClose;
    }

    @Override
    public String service() {
        return shared.service();
    }

    @Override
    public InstanceSet snapshot() {
        if (closed) {
            throw closedError();
        }
        return shared.snapshot();
    }

    @Override
    public boolean isReady() {
        if (closed) {
            throw closedError();
        }
        return shared.isReady();
    }

    @Override
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        Checks.notNull("timeout", timeout);
        if (closed) {
            throw closedError();
        }
        return shared.awaitReady(timeout);
    }

    @Override
    public void addListener(ServiceCacheListener listener) {
        Checks.notNull("listener", listener);
        if (closed) {
            throw closedError();
        }
        listeners.add(listener);
        shared.addListener(listener);
    }

    @Override
    public void removeListener(ServiceCacheListener listener) {
        if (listeners.remove(listener)) {
            shared.removeListener(listener);
        }
    }

    @Override
    public long corruptRecordCount() {
        return shared.corruptRecordCount();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** The shared cache behind this handle (the registry's health report reads it). */
    WatchedServiceCache shared() {
        return shared;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ServiceCacheListener l : listeners) {
            shared.removeListener(l);
        }
        listeners.clear();
        onClose.accept(this);
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("this cache of '" + shared.service() + "' was closed; get a new one with"
                + " Registry.cache(\"" + shared.service() + "\")");
    }

    @Override
    public String toString() {
        return closed ? "ServiceCache{" + shared.service() + " closed}" : shared.toString();
    }
}
