package io.sextant.internal.cache;

import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;
import io.sextant.spi.Backend;
import io.sextant.spi.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private final ScheduledExecutorService scheduler;
    private final Consumer<CacheEvent> enqueue;
    private final CorruptRecords corrupt;

    private final TreeMap<String, ServiceInstance> model = new TreeMap<>();
    private final Set<String> touchedSinceRead = new HashSet<>();
    private boolean connected;
    private boolean seenSnapshot;
    private boolean awaitingFresh = true;
    private boolean authoritativeNext;
    private boolean holding;
    private boolean tickPending;
    private Instant settleUntil = Instant.MIN;
    private long readGeneration;
    private boolean readOutstanding;

    CacheApplier(String service, String prefix, Backend backend, CacheSettings settings, Clock clock,
                 ScheduledExecutorService scheduler, Consumer<CacheEvent> enqueue, CorruptRecords corrupt) {
        this.service = service;
        this.prefix = prefix;
        this.backend = backend;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.enqueue = enqueue;
        this.corrupt = corrupt;
        this.connected = backend.connectionState().isConnected();
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
        } else if (event instanceof CacheEvent.ReadResult r) {
            onRead(r);
        } else if (event instanceof CacheEvent.ReadFailed f) {
            if (f.generation() == readGeneration) {
                endRead();
            }
            if (f.generation() == readGeneration && connected && (holding || awaitingFresh)) {
                LOG.debug("read of {} failed, retrying: {}", prefix, f.cause().toString());
                scheduleTick(clock.instant().plus(READ_RETRY));
            }
        } else if (event instanceof CacheEvent.Tick) {
            tickPending = false;
            if (connected && (holding || awaitingFresh)) {
                if (holding && clock.instant().isBefore(settleUntil)) {
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
        model.clear();
        s.entries().forEach(this::putDecoded);
        if (!seenSnapshot || !s.resync()) {
            authoritativeNext = true;
        } else {
            settleUntil = clock.instant().plus(settings.settleWindow());
        }
        seenSnapshot = true;
        if (connected) {
            awaitingFresh = false;
        }
    }

    private void onConnection(ConnectionState state) {
        if (state.isConnected() && !connected) {
            connected = true;
            settleUntil = clock.instant().plus(settings.settleWindow());
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
        boolean unstable = !connected || now.isBefore(settleUntil);
        Set<String> ids = new HashSet<>();
        model.values().forEach(i -> ids.add(i.id()));
        boolean massDrop = ProtectionRule.isMassDrop(current, ids, settings.massDropThreshold());
        boolean hold = ProtectionRule.shouldHold(massDrop, unstable, holding, authoritativeNext);
        authoritativeNext = false;
        InstanceSet next;
        if (hold) {
            if (!holding) {
                LOG.warn("holding back an update of '{}' that would drop {} -> {} instances while the connection is"
                        + " unstable, until a fresh read confirms it", service, current.size(), ids.size());
            }
            holding = true;
            next = InstanceSet.of(service, current.instances(), current.revision() + 1);
            scheduleTick(settleUntil.isAfter(now) ? settleUntil : now);
        } else {
            if (holding) {
                LOG.info("applying the held update of '{}': {} instances", service, ids.size());
            }
            holding = false;
            next = InstanceSet.of(service, model.values(), current.revision() + 1);
        }
        if (!connected || awaitingFresh || hold) {
            next = next.asStale(current.isStale() ? current.staleSince() : now);
        }
        if (next.sameInstances(current) && next.isStale() == current.isStale()) {
            return null;
        }
        return next;
    }

    private void issueRead() {
        long generation = ++readGeneration;
        touchedSinceRead.clear();
        readOutstanding = true;
        boolean stable = connected && !clock.instant().isBefore(settleUntil);
        backend.list(prefix).thenApply(m -> m).orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((m, err) -> enqueue.accept(err == null
                        ? new CacheEvent.ReadResult(generation, m, stable)
                        : new CacheEvent.ReadFailed(generation, err)));
    }

    private void scheduleTick(Instant at) {
        if (tickPending || !connected) {
            return;
        }
        tickPending = true;
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        try {
            scheduler.schedule(() -> enqueue.accept(new CacheEvent.Tick()), delay + 1, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            tickPending = false;
        }
    }
}
