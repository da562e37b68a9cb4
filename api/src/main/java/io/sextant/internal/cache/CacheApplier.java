package io.sextant.internal.cache;

import io.sextant.CacheDropHeldEvent;
import io.sextant.CacheDropReleasedEvent;
import io.sextant.CacheResyncedEvent;
import io.sextant.InstanceSet;
import io.sextant.RegistryEvent;
import io.sextant.ServiceInstance;
import io.sextant.internal.Ticker;
import io.sextant.spi.Backend;
import io.sextant.spi.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The state of one cache's applier: the backend view built from watch events, the connection, the
 * settle window and the hold of a mass drop. Used only on the applier (one thread at a time).
 */
final class CacheApplier {
    private static final Logger LOG = LoggerFactory.getLogger(CacheApplier.class);
    private static final Duration READ_RETRY = Duration.ofMillis(500);

    private final String service;
    private final String prefix;
    private final Backend backend;
    private final CacheSettings settings;
    private final Clock clock;
    private final Ticker ticker;
    private final ScheduledExecutorService scheduler;
    private final Consumer<CacheEvent> enqueue;
    private final CorruptRecords corrupt;
    private volatile Consumer<RegistryEvent> events = e -> { };
    private long holdStarted;
    private boolean reconnectedSinceSnapshot;

    private final TreeMap<String, ServiceInstance> model = new TreeMap<>();
    private final Set<String> touchedSinceRead = new HashSet<>();
    private boolean connected;
    private boolean seenSnapshot;
    private boolean awaitingFresh = true;
    private boolean authoritativeNext;
    private boolean holding;
    private boolean tickPending;
    /** End of the settle window, on the {@link Ticker} (monotonic: a wall-clock step cannot stretch it). */
    private long settleUntil;
    private boolean settling;
    /** The last set published in steady state: drops while unstable count against it, not one event at a time. */
    private InstanceSet steadyBaseline;
    private long readGeneration;
    private boolean readOutstanding;

    CacheApplier(String service, String prefix, Backend backend, CacheSettings settings, Clock clock, Ticker ticker,
                 ScheduledExecutorService scheduler, Consumer<CacheEvent> enqueue, CorruptRecords corrupt) {
        this.service = service;
        this.prefix = prefix;
        this.backend = backend;
        this.settings = settings;
        this.clock = clock;
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.enqueue = enqueue;
        this.corrupt = corrupt;
        this.connected = backend.connectionState().isConnected();
        // A cache that has just opened is not in steady state either: opened right after a cluster
        // restart, it reads the old sessions' records, which expire and come back within a TTL.
        startSettleWindow();
    }

    /** Where holds, releases and resyncs are reported. */
    void reportTo(Consumer<RegistryEvent> events) {
        this.events = events;
    }

    boolean hasSeenSnapshot() {
        return seenSnapshot;
    }

    void apply(CacheEvent event) {
        if (event instanceof CacheEvent.Put p) {
            touch(p.key());
            putDecoded(p.key(), p.value());
        } else if (event instanceof CacheEvent.Delete d) {
            touch(d.key());
            model.remove(d.key());
        } else if (event instanceof CacheEvent.Snapshot s) {
            onSnapshot(s);
        } else if (event instanceof CacheEvent.Connection c) {
            onConnection(c.state());
        } else if (event instanceof CacheEvent.ConnectionCheck) {
            onConnection(backend.connectionState());
        } else if (event instanceof CacheEvent.ReadResult r) {
            onRead(r);
        } else if (event instanceof CacheEvent.ReadFailed f) {
            if (f.generation() == readGeneration) {
                endRead();
            }
            if (f.generation() == readGeneration && connected && (holding || awaitingFresh)) {
                LOG.debug("read of {} failed, retrying: {}", prefix, f.cause().toString());
                scheduleTick(ticker.read() + READ_RETRY.toNanos());
            }
        } else if (event instanceof CacheEvent.Tick) {
            tickPending = false;
            if (connected && !readOutstanding && (holding || awaitingFresh)) {
                if (holding && inSettleWindow()) {
                    scheduleTick(settleUntil);
                } else {
                    issueRead();
                }
            }
        }
    }

    /** Keys changed by events while a read is out win over that read's (possibly older) values. */
    private void touch(String key) {
        if (readOutstanding) {
            touchedSinceRead.add(key);
        }
    }

    private void endRead() {
        readOutstanding = false;
        touchedSinceRead.clear();
    }

    private void onSnapshot(CacheEvent.Snapshot s) {
        readGeneration++; // a read issued before this snapshot may be older than it
        endRead();
        int before = model.size();
        model.clear();
        s.entries().forEach(this::putDecoded);
        if (!seenSnapshot || !s.resync()) {
            authoritativeNext = true;
        } else {
            startSettleWindow();
            String reason = reconnectedSinceSnapshot ? "reconnect" : "gap";
            LOG.info("cache of '{}' resynced after a {}: {} records in a fresh read ({} instances before)", service, reason,
                    s.entries().size(), before);
            events.accept(new CacheResyncedEvent(service, s.entries().size(), reason, clock.instant()));
        }
        reconnectedSinceSnapshot = false;
        seenSnapshot = true;
        if (connected) {
            awaitingFresh = false;
        }
    }

    private void startSettleWindow() {
        settleUntil = ticker.read() + settings.settleWindow().toNanos();
        settling = true;
    }

    private boolean inSettleWindow() {
        if (settling && ticker.read() - settleUntil >= 0) {
            settling = false;
        }
        return settling;
    }

    private void onConnection(ConnectionState state) {
        if (state.isConnected() && !connected) {
            connected = true;
            reconnectedSinceSnapshot = true;
            startSettleWindow();
            issueRead();
        } else if (!state.isConnected() && connected) {
            connected = false;
            awaitingFresh = true;
            readGeneration++;
            endRead();
        }
    }

    private void onRead(CacheEvent.ReadResult r) {
        if (r.generation() != readGeneration || !seenSnapshot) {
            return;
        }
        for (Map.Entry<String, byte[]> e : r.entries().entrySet()) {
            if (!touchedSinceRead.contains(e.getKey())) {
                putDecoded(e.getKey(), e.getValue());
            }
        }
        model.keySet().removeIf(k -> !r.entries().containsKey(k) && !touchedSinceRead.contains(k));
        endRead();
        if (r.stable()) {
            authoritativeNext = true;
        }
        if (connected) {
            awaitingFresh = false;
        }
    }

    private void putDecoded(String key, byte[] value) {
        ServiceInstance i = corrupt.decode(key, value);
        if (i == null) {
            model.remove(key);
        } else {
            model.put(key, i);
        }
    }

    /**
     * The set to publish after the events applied so far, or {@code null} when nothing changed.
     */
    InstanceSet next(InstanceSet current) {
        if (!seenSnapshot) {
            return null; // a snapshot-file set (or the initial empty set) stays until the first snapshot
        }
        Instant now = clock.instant();
        boolean unstable = !connected || inSettleWindow();
        Set<String> ids = new HashSet<>();
        model.values().forEach(i -> ids.add(i.id()));
        InstanceSet reference = (unstable || holding) && steadyBaseline != null ? steadyBaseline : current;
        // While disconnected, or inside the settle window after the cache opens, a reconnect or a
        // resync, every removal waits for a confirming read: removals seen then may be a side effect of
        // an outage (old sessions expiring before their owners re-create them: measured on ZooKeeper, 7
        // of 20 at once, under any sensible threshold), and a live instance must not vanish, not even
        // for a moment. In steady state every change applies at once; the threshold only decides whether
        // a drop that began while unstable keeps being held.
        double threshold = unstable ? 0.0 : settings.massDropThreshold();
        boolean massDrop = ProtectionRule.isMassDrop(reference, ids, threshold);
        boolean authoritative = authoritativeNext;
        boolean hold = ProtectionRule.shouldHold(massDrop, unstable, holding, authoritative);
        authoritativeNext = false;
        InstanceSet next;
        if (hold) {
            if (!holding) {
                LOG.warn("holding back an update of '{}' that would drop {} -> {} instances while the connection is"
                        + " unstable, until a fresh read confirms it", service, current.size(), ids.size());
                holdStarted = ticker.read();
                events.accept(new CacheDropHeldEvent(service, current.size(), ids.size(), now));
            }
            holding = true;
            next = InstanceSet.of(service, withHeldRemovals(reference, current), current.revision() + 1);
            scheduleTick(inSettleWindow() ? settleUntil : ticker.read());
        } else {
            if (holding) {
                Duration held = Duration.ofNanos(ticker.read() - holdStarted);
                LOG.info("applying the held update of '{}': {} instances (held {} ms)", service, ids.size(),
                        held.toMillis());
                events.accept(new CacheDropReleasedEvent(service, ids.size(), held, now));
            }
            holding = false;
            next = InstanceSet.of(service, model.values(), current.revision() + 1);
        }
        if (!connected || awaitingFresh || hold) {
            next = next.asStale(current.isStale() ? current.staleSince() : now);
        }
        if ((!unstable || authoritative) && !hold) {
            steadyBaseline = next; // a first read or a confirming read is a baseline even inside a window
        }
        if (next.sameInstances(current) && next.isStale() == current.isStale()) {
            return null;
        }
        return next;
    }

    /**
     * What a held drop publishes: the backend's view (so additions and updates show at once) plus the
     * instances of the reference set (the last steady one) it no longer has: every removal since then
     * waits for confirmation, including any published before the drop grew past the threshold.
     */
    private List<ServiceInstance> withHeldRemovals(InstanceSet reference, InstanceSet current) {
        List<ServiceInstance> out = new ArrayList<>(model.values());
        Set<String> present = new HashSet<>();
        model.values().forEach(i -> present.add(i.id()));
        for (ServiceInstance i : reference.instances()) {
            if (!present.contains(i.id())) {
                // the latest data published for it (a DRAINING update must not turn back into the baseline's UP)
                ServiceInstance latest = current.byId(i.id());
                out.add(latest != null ? latest : i);
            }
        }
        return out;
    }

    private void issueRead() {
        long generation = ++readGeneration;
        touchedSinceRead.clear();
        readOutstanding = true;
        boolean stable = connected && !inSettleWindow();
        CompletableFuture<Map<String, byte[]>> read;
        try {
            read = backend.list(prefix);
        } catch (RuntimeException e) { // must end as a ReadFailed: an outstanding read that never ends stops all retries
            read = CompletableFuture.failedFuture(e);
        }
        read.thenApply(m -> m).orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((m, err) -> enqueue.accept(err == null
                        ? new CacheEvent.ReadResult(generation, m, stable)
                        : new CacheEvent.ReadFailed(generation, err)));
    }

    /** No tick while a read is out: its result or failure decides what comes next (reads are time-bounded). */
    private void scheduleTick(long atNanos) {
        if (tickPending || !connected || readOutstanding) {
            return;
        }
        tickPending = true;
        long delay = Math.max(0, atNanos - ticker.read());
        try {
            scheduler.schedule(() -> enqueue.accept(new CacheEvent.Tick()), delay + 1_000_000, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            tickPending = false;
        }
    }
}
