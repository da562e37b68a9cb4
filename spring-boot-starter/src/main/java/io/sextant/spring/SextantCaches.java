package io.sextant.spring;

import io.sextant.InstanceSet;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The caches the Spring side has opened, by service, each with its last snapshot converted to Spring
 * Cloud instances (rebuilt once per published snapshot, so a lookup allocates nothing in steady state).
 * Service ids are lower-cased: Spring Cloud takes them from URL hosts and application names.
 */
final class SextantCaches {
    private static final Logger LOG = LoggerFactory.getLogger(SextantCaches.class);

    private final Registry registry;
    private final Duration readyTimeout;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    SextantCaches(Registry registry, Duration readyTimeout) {
        this.registry = registry;
        this.readyTimeout = readyTimeout;
    }

    /** The service's name as Sextant spells it. */
    static String serviceName(String serviceId) {
        return serviceId.toLowerCase(Locale.ROOT);
    }

    Registry registry() {
        return registry;
    }

    /** The watched cache of {@code serviceId}, opened on first use; {@code null} for a name Sextant cannot hold. */
    ServiceCache cache(String serviceId) {
        Entry e = entry(serviceId);
        return e == null ? null : e.cache;
    }

    /** Whether the service's cache has had its first read (opening it if needed). */
    boolean isReady(String serviceId) {
        Entry e = entry(serviceId);
        return e == null || e.cache.isReady();
    }

    /**
     * The instances of {@code serviceId} that may take calls (UP, weight above 0). Blocks on the first
     * lookup of a service until its cache is ready, at most the ready timeout.
     */
    List<ServiceInstance> instances(String serviceId) {
        Entry e = entry(serviceId);
        if (e == null) {
            return List.of();
        }
        if (!e.cache.isReady()) {
            try {
                if (!e.cache.awaitReady(readyTimeout)) {
                    LOG.warn("cache of service '{}' not ready after {}; answering with what it has", e.cache.service(),
                            readyTimeout);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        return e.pickable();
    }

    private Entry entry(String serviceId) {
        String name = serviceName(serviceId);
        Entry e = entries.get(name);
        if (e != null) {
            return e;
        }
        try {
            return entries.computeIfAbsent(name, n -> new Entry(registry.cache(n)));
        } catch (IllegalArgumentException ex) {
            LOG.debug("'{}' is not a Sextant service name: {}", serviceId, ex.getMessage());
            return null;
        }
    }

    /** One cache and its last conversion; the conversion is swapped whole, so readers never lock. */
    private static final class Entry {
        final ServiceCache cache;
        private volatile Converted converted;

        Entry(ServiceCache cache) {
            this.cache = cache;
        }

        List<ServiceInstance> pickable() {
            InstanceSet set = cache.snapshot();
            Converted c = converted;
            if (c == null || c.set != set) {
                c = new Converted(set, convert(set));
                converted = c;
            }
            return c.instances;
        }

        private static List<ServiceInstance> convert(InstanceSet set) {
            List<ServiceInstance> list = new ArrayList<>(set.size());
            for (int i = 0; i < set.size(); i++) {
                if (set.get(i).isPickable()) {
                    list.add(new SextantServiceInstance(set.get(i)));
                }
            }
            return Collections.unmodifiableList(list);
        }
    }

    private record Converted(InstanceSet set, List<ServiceInstance> instances) {
    }
}
