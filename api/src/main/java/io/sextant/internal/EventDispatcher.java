package io.sextant.internal;

import io.sextant.RegistryEvent;
import io.sextant.RegistryEventListener;
import io.sextant.spi.support.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Delivers a registry's events to its listeners on one thread of its own, through a bounded queue:
 * producers (backend, cache and supervisor threads) never block and never run listener code; when
 * the queue is full the event is dropped and counted. Costs one {@code isEmpty()} check per event
 * while nobody listens; the thread starts with the first listener.
 */
final class EventDispatcher implements Consumer<RegistryEvent>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    static final int CAPACITY = 4096;

    private final java.util.concurrent.ThreadFactory threads;
    private final BlockingQueue<RegistryEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final List<RegistryEventListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private Thread worker; // guarded by this
    private volatile boolean closed;

    EventDispatcher(java.util.concurrent.ThreadFactory threads) {
        this.threads = threads;
    }

    void add(RegistryEventListener listener) {
        listeners.add(Checks.notNull("listener", listener));
        synchronized (this) {
            if (worker == null && !closed) {
                worker = threads.newThread(this::run);
                worker.start();
            }
        }
    }

    void remove(RegistryEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void accept(RegistryEvent event) {
        if (listeners.isEmpty() || closed) {
            return;
        }
        if (!queue.offer(event)) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) { // 1, 2, 4, 8...: a slow listener is reported, not a log storm
                LOG.warn("registry event listeners are too slow: {} events dropped so far", n);
            }
        }
    }

    long dropped() {
        return dropped.get();
    }

    private void run() {
        while (!closed) {
            RegistryEvent e;
            try {
                e = queue.take();
            } catch (InterruptedException ie) {
                return;
            }
            for (RegistryEventListener l : listeners) {
                try {
                    l.onEvent(e);
                } catch (Throwable t) {
                    LOG.warn("registry event listener threw on {}", e.getClass().getSimpleName(), t);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread w;
        synchronized (this) {
            w = worker;
        }
        if (w != null) {
            w.interrupt();
        }
    }
}
