package io.sextant.spring;

import io.sextant.CacheHealth;
import io.sextant.Registry;
import io.sextant.RegistryHealth;
import io.sextant.RegistrationRepairedEvent;
import io.sextant.RegistryStats;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Actuator health of Sextant, from {@link Registry#health()}: UP while the backend connection is usable,
 * no registration is pending (queued while the backend was unreachable) or waiting for a repair, and no
 * cache is served stale; DOWN otherwise. Details: the backend, the connection state and since when,
 * live registrations, pending ones and those awaiting repair, the
 * registry's counters (repairs, restores after session or lease loss, corrupt records, dropped events),
 * the last repair, and per watched service its size, readiness and, when stale, for how long.
 *
 * <p>Thread-safe. Never blocks: it reads the registry's state, it makes no backend request.
 */
public final class SextantHealthIndicator implements HealthIndicator {
    private final Registry registry;
    private volatile RegistrationRepairedEvent lastRepair;

    SextantHealthIndicator(Registry registry) {
        this.registry = registry;
        registry.addRepairListener(e -> lastRepair = e);
    }

    @Override
    public Health health() {
        RegistryHealth h = registry.health();
        boolean up = h.isHealthy() && h.staleCaches().isEmpty();
        Health.Builder b = up ? Health.up() : Health.down();
        b.withDetail("backend", h.backend())
                .withDetail("connection", h.connection().name())
                .withDetail("connectionSince", String.valueOf(h.connectionSince()))
                .withDetail("registrations", h.registrations())
                .withDetail("pending", h.pending())
                .withDetail("awaitingRepair", h.awaitingRepair());
        RegistryStats stats = registry.stats();
        b.withDetail("repairs", stats.repairs()).withDetail("restores", stats.restores())
                .withDetail("corruptRecords", stats.corruptRecords()).withDetail("droppedEvents", stats.droppedEvents());
        RegistrationRepairedEvent repair = lastRepair;
        if (repair != null) {
            b.withDetail("lastRepair", Map.of("service", repair.instance().service(), "id", repair.instance().id(),
                    "reason", repair.reason(), "at", repair.at().toString()));
        }
        Map<String, Object> caches = new TreeMap<>();
        for (CacheHealth c : h.caches()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("instances", c.instances());
            d.put("ready", c.ready());
            if (c.stale()) {
                d.put("staleFor", c.staleFor().toString());
            }
            if (c.corruptRecords() > 0) {
                d.put("corruptRecords", c.corruptRecords());
            }
            caches.put(c.service(), d);
        }
        b.withDetail("caches", caches);
        if (!h.staleCaches().isEmpty()) {
            b.withDetail("staleCaches", h.staleCaches().size());
        }
        return b.build();
    }
}
