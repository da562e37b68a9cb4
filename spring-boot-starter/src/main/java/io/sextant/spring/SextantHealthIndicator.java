package io.sextant.spring;

import io.sextant.InstanceSet;
import io.sextant.Registry;
import io.sextant.RegistrationRepairedEvent;
import io.sextant.RegistryStats;
import io.sextant.ServiceCache;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Actuator health of Sextant: UP when a round trip to the backend (listing services) answers within
 * {@code sextant.health.probe-timeout} and no cache is stale; DOWN otherwise. Details: the backend,
 * the registry's counters (live registrations, repairs, restores after session or lease loss,
 * corrupt records), the last repair, and per watched service its size and, when stale, since when
 * and for how long.
 *
 * <p>Thread-safe. Each check makes one backend request.
 */
public final class SextantHealthIndicator implements HealthIndicator {
    private final SextantCaches caches;
    private final Duration probeTimeout;
    private final Clock clock;
    private volatile RegistrationRepairedEvent lastRepair;
    private volatile Instant lastRepairAt;

    SextantHealthIndicator(SextantCaches caches, Duration probeTimeout, Clock clock) {
        this.caches = caches;
        this.probeTimeout = probeTimeout;
        this.clock = clock;
        caches.registry().addRepairListener(e -> {
            lastRepairAt = clock.instant();
            lastRepair = e;
        });
    }

    @Override
    public Health health() {
        Registry registry = caches.registry();
        Health.Builder b = Health.up();
        try {
            Set<String> services = registry.services().get(probeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            b.withDetail("services", services.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            b.down().withDetail("error", "interrupted");
        } catch (ExecutionException e) {
            b.down().withDetail("error", String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            b.down().withDetail("error", "backend did not answer within " + probeTimeout);
        }
        b.withDetail("backend", registry.config().backend());
        RegistryStats stats = registry.stats();
        b.withDetail("registrations", stats.registrations()).withDetail("repairs", stats.repairs())
                .withDetail("restores", stats.restores()).withDetail("corruptRecords", stats.corruptRecords());
        RegistrationRepairedEvent repair = lastRepair;
        if (repair != null) {
            b.withDetail("lastRepair", Map.of("service", repair.instance().service(), "id", repair.instance().id(),
                    "reason", repair.reason(), "at", String.valueOf(lastRepairAt)));
        }
        Map<String, Object> cacheDetails = new TreeMap<>();
        int stale = 0;
        for (ServiceCache cache : caches.caches()) {
            InstanceSet set = cache.snapshot();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("instances", set.size());
            d.put("ready", cache.isReady());
            if (set.isStale()) {
                stale++;
                d.put("staleSince", set.staleSince().toString());
                d.put("staleFor", set.staleness(clock).toString());
            }
            cacheDetails.put(cache.service(), d);
        }
        b.withDetail("caches", cacheDetails);
        if (stale > 0) {
            b.down().withDetail("staleCaches", stale);
        }
        return b.build();
    }
}
