package io.sextant.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.sextant.CacheHealth;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one watched cache, tagged with its service. Counters are registered up front (at 0)
 * so that rates work from the first event; gauges read the registry's health when read.
 */
final class CacheMeters {
    /** Resync reasons the api reports; others get a counter on first sight. */
    private static final List<String> KNOWN_RESYNC_REASONS = List.of("reconnect", "gap");

    private final String service;
    private final MeterRegistry meters;
    private final Tags tags;
    private final List<Meter> own = new CopyOnWriteArrayList<>();
    private final Map<String, Counter> resyncs = new ConcurrentHashMap<>();
    final Counter updates;
    final Counter holds;
    final Counter corruptRecords;
    final Counter snapshotLoads;
    final Timer holdDuration;
    final Timer propagationLag;
    private volatile boolean seenOpen;

    CacheMeters(RegistryMeters owner, String service, MeterRegistry meters, Tags registryTags) {
        this.service = service;
        this.meters = meters;
        this.tags = registryTags.and(MeterNames.TAG_SERVICE, service);
        own.add(Gauge.builder(MeterNames.CACHE_INSTANCES, owner, o -> value(o.cacheHealth(service), false))
                .tags(tags).description("instances the cache serves now").strongReference(true).register(meters));
        own.add(TimeGauge.builder(MeterNames.CACHE_STALENESS, owner, TimeUnit.SECONDS,
                        o -> value(o.cacheHealth(service), true))
                .tags(tags).description("how long the cache has been served stale; 0 when fresh")
                .strongReference(true).register(meters));
        updates = counter(MeterNames.CACHE_UPDATES, "new sets the cache published");
        holds = counter(MeterNames.CACHE_HOLDS, "mass drops held back until a fresh read confirmed them");
        corruptRecords = counter(MeterNames.CACHE_CORRUPT_RECORDS, "backend records skipped as unparseable or invalid");
        snapshotLoads = counter(MeterNames.CACHE_SNAPSHOT_LOADS, "starts from the cache's snapshot file");
        holdDuration = timer(MeterNames.CACHE_HOLD_DURATION, "how long each held drop was held");
        propagationLag = timer(MeterNames.PROPAGATION_LAG,
                "from a new instance's registeredAt to its publication in this cache (clock skew clamped at 0)");
        KNOWN_RESYNC_REASONS.forEach(this::resyncs);
    }

    private static double value(CacheHealth h, boolean staleness) {
        if (h == null) {
            return Double.NaN;
        }
        return staleness ? h.staleFor().toNanos() / 1e9 : h.instances();
    }

    private Counter counter(String name, String description) {
        Counter c = Counter.builder(name).tags(tags).description(description).register(meters);
        own.add(c);
        return c;
    }

    private Timer timer(String name, String description) {
        Timer t = Timer.builder(name).tags(tags).description(description).register(meters);
        own.add(t);
        return t;
    }

    Counter resyncs(String reason) {
        return resyncs.computeIfAbsent(reason, r -> {
            Counter c = Counter.builder(MeterNames.CACHE_RESYNCS).tags(tags).tag(MeterNames.TAG_REASON, r)
                    .description("full re-reads after a gap the watch could not replay, by reason").register(meters);
            own.add(c);
            return c;
        });
    }

    String service() {
        return service;
    }

    void seenOpen() {
        seenOpen = true;
    }

    boolean wasSeenOpen() {
        return seenOpen;
    }

    void remove() {
        own.forEach(meters::remove);
    }
}
