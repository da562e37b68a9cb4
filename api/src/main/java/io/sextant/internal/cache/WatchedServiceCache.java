package io.sextant.internal.cache;

import io.sextant.CacheUpdatedEvent;
import io.sextant.RegistryEvent;
import io.sextant.SnapshotFileLoadedEvent;
import java.time.Instant;
import java.util.function.Consumer;

import io.sextant.InstanceSet;
import io.sextant.InstanceSetChange;
import io.sextant.ServiceCache;
import io.sextant.ServiceCacheListener;
import io.sextant.spi.support.Checks;
import io.sextant.internal.Keys;
import io.sextant.internal.Ticker;
import io.sextant.spi.Backend;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ServiceCache} of one service over a backend watch.
 *
 * <p>Watch callbacks, connection changes, timers and read results only enqueue a {@link CacheEvent}.
 * One serialized applier (a drain loop run on {@code executor}, at most one at a time) applies every
 * queued event, then builds at most one new set, swaps it in and notifies listeners.
 */
public final class WatchedServiceCache implements ServiceCache {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedServiceCache.class);

    private final String service;
    private final Executor executor;
    private final Clock clock;
    private final ConcurrentLinkedQueue<CacheEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final CopyOnWriteArrayList<ServiceCacheListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CorruptRecords corrupt;
    private final CacheApplier applier;
    private final SnapshotFile snapshotFile;
    private final PropagationLags lags;
    private boolean publishedFirstRead; // touched by the applier only
    private volatile InstanceSet current;
    private volatile Consumer<RegistryEvent> events = e -> { };
    /** The snapshot-file load, loaded in {@link #start} before anyone could listen: sent by {@link #reportTo}. */
    private volatile SnapshotFileLoadedEvent loadedFromFile;
    private volatile boolean closed;
    private volatile AutoCloseable watch;

    private WatchedServiceCache(String service, Backend backend, CacheSettings settings, Clock clock, Ticker ticker,
                                Executor executor, ScheduledExecutorService scheduler) {
        this.service = service;
        this.executor = executor;
        this.clock = clock;
        this.current = InstanceSet.empty(service);
        this.corrupt = new CorruptRecords(service);
        this.lags = new PropagationLags(ticker);
        this.snapshotFile = settings.snapshotFile() == null ? null : new SnapshotFile(settings.snapshotFile());
        this.applier = new CacheApplier(service, Keys.servicePrefix(service), backend, settings, clock, ticker, scheduler,
                this::enqueue, corrupt);
    }

    /**
     * Starts a cache: loads the snapshot file if any, then opens the watch. The caller forwards
     * connection changes to {@link #connectionChanged}.
     */
    public static WatchedServiceCache start(String service, Backend backend, CacheSettings settings, Clock clock,
                                            Executor executor, ScheduledExecutorService scheduler) {
        return start(service, backend, settings, clock, Ticker.SYSTEM, executor, scheduler);
    }

    /** As above; {@code clock} dates staleness and snapshot files, {@code ticker} times the windows. */
    public static WatchedServiceCache start(String service, Backend backend, CacheSettings settings, Clock clock,
                                            Ticker ticker, Executor executor, ScheduledExecutorService scheduler) {
        Checks.serviceName("service", service);
        WatchedServiceCache cache = new WatchedServiceCache(service, backend, settings, clock, ticker, executor,
                scheduler);
        cache.loadSnapshotFile();
        cache.watch = backend.watch(Keys.servicePrefix(service), cache.new Watcher());
        return cache;
    }

    /**
     * Where this cache reports its events (updates, holds, resyncs, corrupt records, snapshot-file
     * loads). Set once, before or right after start.
     */
    public void reportTo(Consumer<RegistryEvent> events) {
        this.events = events;
        applier.reportTo(events);
        corrupt.reportTo(events);
        SnapshotFileLoadedEvent loaded = loadedFromFile;
        loadedFromFile = null;
        if (loaded != null) {
            events.accept(loaded);
        }
    }

    private void loadSnapshotFile() {
        if (snapshotFile == null) {
            return;
        }
        SnapshotFile.Loaded loaded = snapshotFile.load(service);
        if (loaded != null) {
            current = InstanceSet.of(service, loaded.instances(), 1).asStale(loaded.savedAt());
            LOG.info("cache of '{}' starts from snapshot file {} ({} instances, saved {})", service,
                    snapshotFile.path(), loaded.instances().size(), loaded.savedAt());
            loadedFromFile = new SnapshotFileLoadedEvent(service, loaded.instances().size(), loaded.savedAt(),
                    clock.instant());
            ready.countDown();
        }
    }

    /** Tells the cache the backend connection changed. Never blocks. */
    public void connectionChanged(ConnectionState state) {
        enqueue(new CacheEvent.Connection(state));
    }

    /**
     * Tells the cache to compare its view with the backend's current state, for a change it may have
     * missed. Unlike passing a state read earlier, this cannot undo a change reported meanwhile.
     */
    public void checkConnection() {
        enqueue(new CacheEvent.ConnectionCheck());
    }

    private void enqueue(CacheEvent event) {
        if (closed) {
            return;
        }
        queue.add(event);
        if (wip.getAndIncrement() == 0) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                queue.clear();
            }
        }
    }

    private void drain() {
        int missed = 1;
        while (true) {
            CacheEvent e;
            while ((e = queue.poll()) != null) {
                try {
                    applier.apply(e);
                } catch (RuntimeException ex) {
                    LOG.error("cache of '{}' failed to apply {}", service, e.getClass().getSimpleName(), ex);
                }
            }
            if (!closed) {
                publish();
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void publish() {
        InstanceSet previous = current;
        InstanceSet next;
        try {
            next = applier.next(previous);
        } catch (RuntimeException ex) {
            LOG.error("cache of '{}' failed to build a set", service, ex);
            return;
        }
        boolean firstRead = !publishedFirstRead && applier.hasSeenSnapshot();
        publishedFirstRead |= firstRead;
        if (next != null) {
            current = next;
            InstanceSetChange change = SetDiff.between(previous, next);
            report(change, firstRead);
            for (ServiceCacheListener l : listeners) {
                try {
                    l.onChange(change);
                } catch (Throwable ex) { // an Error escaping here would end the drain loop with wip > 0: no more updates
                    LOG.warn("listener of cache '{}' threw", service, ex);
                }
            }
            if (snapshotFile != null && !next.isStale()) {
                snapshotFile.saveAsync(next, clock.instant(), executor);
            }
        }
        if (applier.hasSeenSnapshot()) {
            ready.countDown();
        }
    }

    private void report(InstanceSetChange change, boolean firstRead) {
        Consumer<RegistryEvent> sink = events;
        Instant now = clock.instant();
        sink.accept(new CacheUpdatedEvent(service, change.added().size(), change.removed().size(),
                change.updated().size(), change.current().size(), lags.of(change, now, firstRead), now));
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public InstanceSet snapshot() {
        return current;
    }

    @Override
    public boolean isReady() {
        return ready.getCount() == 0;
    }

    @Override
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void addListener(ServiceCacheListener listener) {
        listeners.add(Checks.notNull("listener", listener));
    }

    @Override
    public void removeListener(ServiceCacheListener listener) {
        listeners.remove(listener);
    }

    @Override
    public long corruptRecordCount() {
        return corrupt.count();
    }

    /** Test seam: re-checks a held update now, as the settle-window timer would. */
    void confirmNow() {
        enqueue(new CacheEvent.Tick());
    }

    /** Test seam: warnings logged for corrupt records. */
    long corruptWarnings() {
        return corrupt.warnings();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        AutoCloseable w = watch;
        if (w != null) {
            try {
                w.close();
            } catch (Exception e) {
                LOG.warn("closing the watch of '{}' failed", service, e);
            }
        }
    }

    @Override
    public String toString() {
        return "ServiceCache{" + current + "}";
    }

    /** Forwards watch callbacks to the queue; never blocks. */
    private final class Watcher implements WatchListener {
        @Override
        public void onSnapshot(Map<String, byte[]> entries, boolean resync) {
            enqueue(new CacheEvent.Snapshot(entries, resync));
        }

        @Override
        public void onPut(String key, byte[] value) {
            enqueue(new CacheEvent.Put(key, value));
        }

        @Override
        public void onDelete(String key) {
            enqueue(new CacheEvent.Delete(key));
        }
    }
}
