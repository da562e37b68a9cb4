package io.sextant.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sextant.CacheDropHeldEvent;
import io.sextant.CacheDropReleasedEvent;
import io.sextant.CacheHealth;
import io.sextant.CacheResyncedEvent;
import io.sextant.CacheUpdatedEvent;
import io.sextant.ConnectionStateChangedEvent;
import io.sextant.CorruptRecordSkippedEvent;
import io.sextant.RegistrationRepairedEvent;
import io.sextant.Registry;
import io.sextant.RegistryEvent;
import io.sextant.RegistryEventListener;
import io.sextant.RegistryHealth;
import io.sextant.RegistryStats;
import io.sextant.SnapshotFileLoadedEvent;
import io.sextant.spi.ConnectionState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import static io.sextant.micrometer.MeterNames.lower;

/**
 * The meters of one bound registry: registry-wide gauges and counters, the per-cache meters, and the
 * event listener that moves counters. Gauges read {@link Registry#health()} when read, and each read
 * also brings the set of per-cache meters up to date (adds opened caches, removes closed ones).
 */
final class RegistryMeters implements RegistryEventListener {
    private final Registry registry;
    private final MeterRegistry meters;
    private final Tags tags;
    private final List<Meter> own = new ArrayList<>();
    private final Map<ConnectionState, Counter> changes = new EnumMap<>(ConnectionState.class);
    private final Map<String, CacheMeters> caches = new ConcurrentHashMap<>();
    private final Map<String, Counter> repairs = new ConcurrentHashMap<>();
    private final Object reconcileLock = new Object();
    private volatile boolean closed;

    RegistryMeters(Registry registry, MeterRegistry meters, Tags tags) {
        this.registry = registry;
        this.meters = meters;
        this.tags = tags;
    }

    void bind() {
        for (ConnectionState s : ConnectionState.values()) {
            own.add(gauge(MeterNames.CONNECTION_STATE, "1 for the backend connection's current state, else 0",
                    m -> m.health().connection() == s ? 1 : 0, Tags.of(MeterNames.TAG_STATE, lower(s))));
            Counter c = Counter.builder(MeterNames.CONNECTION_CHANGES).tags(tags).tag(MeterNames.TAG_STATE, lower(s))
                    .description("backend connection changes into this state").register(meters);
            changes.put(s, c);
            own.add(c);
        }
        own.add(gauge(MeterNames.REGISTRATIONS_LIVE, "live registrations of this registry",
                m -> m.health().registrations(), Tags.empty()));
        own.add(gauge(MeterNames.REGISTRATIONS_PENDING, "registrations made while the backend has been unreachable"
                + " since open, written when it appears", m -> m.health().pending(), Tags.empty()));
        own.add(gauge(MeterNames.REGISTRATIONS_AWAITING_REPAIR, "registrations whose last write or check failed",
                m -> m.health().awaitingRepair(), Tags.empty()));
        own.add(FunctionCounter.builder(MeterNames.REGISTRATIONS_RESTORES, registry, r -> stat(r, RegistryStats::restores))
                .tags(tags).description("lease or session losses after which the backend re-created the records")
                .register(meters));
        own.add(FunctionCounter.builder(MeterNames.EVENTS_DROPPED, registry, r -> stat(r, RegistryStats::droppedEvents))
                .tags(tags).description("registry events lost because listeners fell behind (meters miss them too)")
                .register(meters));
        health();
        registry.addEventListener(this);
    }

    private Gauge gauge(String name, String description, ToDoubleFunction<RegistryMeters> f, Tags extra) {
        return Gauge.builder(name, this, f).tags(tags).tags(extra).description(description).strongReference(true)
                .register(meters);
    }

    private static double stat(Registry r, ToDoubleFunction<RegistryStats> f) {
        return f.applyAsDouble(r.stats());
    }

    /** The registry's health now; brings the per-cache meters in line with its caches. */
    RegistryHealth health() {
        RegistryHealth h = registry.health();
        synchronized (reconcileLock) {
            if (closed) {
                return h;
            }
            Set<String> open = new HashSet<>();
            for (CacheHealth c : h.caches()) {
                open.add(c.service());
                cache(c.service()).seenOpen();
            }
            caches.values().removeIf(c -> {
                if (c.wasSeenOpen() && !open.contains(c.service())) {
                    c.remove();
                    return true;
                }
                return false;
            });
        }
        return h;
    }

    /** The health of {@code service}'s cache now, or {@code null} when it is not open. */
    CacheHealth cacheHealth(String service) {
        for (CacheHealth c : health().caches()) {
            if (c.service().equals(service)) {
                return c;
            }
        }
        return null;
    }

    private CacheMeters cache(String service) {
        CacheMeters c = caches.get(service);
        if (c != null) {
            return c;
        }
        synchronized (reconcileLock) {
            return caches.computeIfAbsent(service, s -> new CacheMeters(this, s, meters, tags));
        }
    }

    @Override
    public void onEvent(RegistryEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof CacheUpdatedEvent u) {
            CacheMeters c = cache(u.service());
            for (Duration lag : u.propagationLags()) {
                c.propagationLag.record(lag);
            }
            c.updates.increment(); // last: a reader that sees the update sees its lags
        } else if (event instanceof CacheResyncedEvent r) {
            cache(r.service()).resyncs(r.reason()).increment();
        } else if (event instanceof CacheDropHeldEvent h) {
            cache(h.service()).holds.increment();
        } else if (event instanceof CacheDropReleasedEvent r) {
            cache(r.service()).holdDuration.record(r.held());
        } else if (event instanceof CorruptRecordSkippedEvent c) {
            cache(c.service()).corruptRecords.increment();
        } else if (event instanceof SnapshotFileLoadedEvent s) {
            cache(s.service()).snapshotLoads.increment();
        } else if (event instanceof RegistrationRepairedEvent r) {
            repairs(r.service(), r.reason()).increment();
        } else if (event instanceof ConnectionStateChangedEvent c) {
            changes.get(c.current()).increment();
        }
        // RegistrationsRestoredEvent: counted from stats(), which no dropped event can make miss one
    }

    private Counter repairs(String service, String reason) {
        return repairs.computeIfAbsent(service + '\n' + reason, k -> {
            Counter c = Counter.builder(MeterNames.REGISTRATIONS_REPAIRS).tags(tags)
                    .tag(MeterNames.TAG_SERVICE, service).tag(MeterNames.TAG_REASON, reason)
                    .description("registrations the supervisor wrote back, by reason").register(meters);
            synchronized (own) {
                own.add(c);
            }
            return c;
        });
    }

    void close() {
        registry.removeEventListener(this);
        synchronized (reconcileLock) {
            closed = true;
            caches.values().forEach(CacheMeters::remove);
            caches.clear();
        }
        synchronized (own) {
            own.forEach(meters::remove);
            own.clear();
        }
    }
}
