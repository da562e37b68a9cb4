package io.sextant.testkit;

import io.sextant.spi.Backend;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import io.sextant.spi.WatchListener;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend the test drives by hand: it plays watch events and connection changes when told, and
 * each {@code list} returns a future the test completes. For orderings a real server cannot produce
 * on demand.
 */
public final class ScriptedBackend implements Backend {
    /** Every {@code list} call, in order, to be completed by the test. */
    public final LinkedBlockingQueue<CompletableFuture<Map<String, byte[]>>> lists = new LinkedBlockingQueue<>();
    public final AtomicInteger listCalls = new AtomicInteger();
    /** How many next {@code list} calls throw instead of returning a future (a misbehaving client). */
    public final AtomicInteger throwingLists = new AtomicInteger();
    private final CopyOnWriteArrayList<BackendListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ConnectionState state;
    public volatile WatchListener watcher;
    private volatile int stateReadsToSkip;
    private volatile Runnable afterStateRead;

    public ScriptedBackend(ConnectionState initial) {
        this.state = initial;
    }

    /** Sets the state and tells the listeners, as a backend's event thread would. */
    public void changeState(ConnectionState next) {
        ConnectionState previous = state;
        state = next;
        listeners.forEach(l -> l.onConnectionStateChanged(previous, next));
    }

    @Override
    public CompletableFuture<EphemeralHandle> putEphemeral(String key, byte[] value) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<Optional<byte[]>> get(String key) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> list(String prefix) {
        CompletableFuture<Map<String, byte[]>> f = new CompletableFuture<>();
        listCalls.incrementAndGet();
        if (throwingLists.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("client is reconnecting");
        }
        lists.add(f);
        return f;
    }

    @Override
    public AutoCloseable watch(String prefix, WatchListener listener) {
        watcher = listener;
        return () -> watcher = null;
    }

    @Override
    public void addListener(BackendListener listener) {
        listeners.add(listener);
    }

    /**
     * Runs {@code hook} once, after {@code skip} further reads of {@link #connectionState()}: right after
     * that read took the state and before it returns it (so the caller holds an outdated state).
     */
    public void afterStateRead(int skip, Runnable hook) {
        stateReadsToSkip = skip;
        afterStateRead = hook;
    }

    @Override
    public synchronized ConnectionState connectionState() {
        ConnectionState s = state;
        Runnable hook = afterStateRead;
        if (hook != null && stateReadsToSkip-- == 0) {
            afterStateRead = null;
            hook.run();
        }
        return s;
    }

    @Override
    public void close() {
    }
}
