package io.sextant.console.internal;

import io.sextant.InstanceSetChange;
import io.sextant.InstanceUpdate;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceCacheListener;
import io.sextant.ServiceInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The services the console shows: one cache handle per service name the registry lists, opened when the name is
 * first seen, with a listener that records when each instance last changed and publishes the change.
 */
final class Catalog implements AutoCloseable {
    /** A service the console follows. */
    record Entry(ServiceCache cache, ServiceCacheListener listener, Map<String, Instant> lastChange,
                 AtomicReference<Instant> updatedAt) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    private static final int MAX_SERVICES = 10_000;

    private final Registry registry;
    private final EventHub hub;
    private final NavigableMap<String, Entry> services = new ConcurrentSkipListMap<>();
    private volatile boolean closed;

    Catalog(Registry registry, EventHub hub) {
        this.registry = registry;
        this.hub = hub;
    }

    /** Asks the registry for the service names and follows new ones; failures are logged and retried next time. */
    void refresh() {
        Set<String> names;
        try {
            names = registry.services().get(registry.config().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.debug("listing services failed, retrying later: {}", e.toString());
            return;
        }
        boolean added = false;
        for (String name : names) {
            if (!services.containsKey(name) && services.size() < MAX_SERVICES) {
                added |= follow(name);
            }
        }
        if (added) {
            hub.publish("services", Map.of("services", List.copyOf(services.keySet())));
        }
    }

    private synchronized boolean follow(String name) {
        if (closed || services.containsKey(name)) {
            return false;
        }
        ServiceCache cache = registry.cache(name);
        Map<String, Instant> lastChange = new ConcurrentHashMap<>();
        AtomicReference<Instant> updatedAt = new AtomicReference<>(Instant.now());
        ServiceCacheListener listener = change -> onChange(name, change, lastChange, updatedAt);
        services.put(name, new Entry(cache, listener, lastChange, updatedAt));
        cache.addListener(listener);
        return true;
    }

    private void onChange(String service, InstanceSetChange change, Map<String, Instant> lastChange,
                          AtomicReference<Instant> updatedAt) {
        Instant now = Instant.now();
        updatedAt.set(now);
        change.added().forEach(i -> lastChange.put(i.id(), now));
        change.updated().forEach(u -> lastChange.put(u.current().id(), now));
        change.removed().forEach(i -> lastChange.remove(i.id()));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("service", service);
        doc.put("added", change.added().stream().map(ServiceInstance::id).toList());
        doc.put("removed", change.removed().stream().map(ServiceInstance::id).toList());
        doc.put("updated", change.updated().stream().map(InstanceUpdate::current).map(ServiceInstance::id).toList());
        doc.put("size", change.current().size());
        doc.put("stale", change.current().isStale());
        doc.put("at", now.toString());
        hub.publish("change", doc);
    }

    Set<String> names() {
        return services.keySet();
    }

    Entry entry(String service) {
        return services.get(service);
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Entry e : services.values()) {
            e.cache().removeListener(e.listener());
            e.cache().close();
        }
        services.clear();
    }
}
