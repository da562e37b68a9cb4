package io.sextant.cli.internal.demo;

import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.SextantConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client process in one zone: its own registry, a watched cache per service, and (for the client
 * whose picks the board shows) one balancer per strategy and service.
 */
final class DemoClient implements AutoCloseable {
    private final String zone;
    private final Registry registry;
    private final Map<String, ServiceCache> caches = new LinkedHashMap<>();
    private final Map<String, Map<String, Balancer>> balancers = new LinkedHashMap<>();

    private DemoClient(String zone, Registry registry) {
        this.zone = zone;
        this.registry = registry;
    }

    /** Opens the registry and the caches, and waits until each cache has read its service. */
    static DemoClient open(SextantConfig config, String zone, List<String> services) throws InterruptedException {
        DemoClient c = new DemoClient(zone, Registry.open(config));
        try {
            for (String s : services) {
                ServiceCache cache = c.registry.cache(s);
                if (!cache.awaitReady(config.requestTimeout().plus(config.connectTimeout()))) {
                    throw new IllegalStateException("the cache of '" + s + "' did not become ready");
                }
                c.caches.put(s, cache);
            }
            return c;
        } catch (RuntimeException | InterruptedException e) {
            c.close();
            throw e;
        }
    }

    /** Adds a balancer per strategy and service; slow start ({@code window}) where the strategy weighs. */
    void addBalancers(BalancerOptions options, Duration slowStartWindow) {
        for (Map.Entry<String, ServiceCache> e : caches.entrySet()) {
            Map<String, Balancer> byStrategy = new LinkedHashMap<>();
            for (String name : Strategies.NAMES) {
                Balancer b;
                try {
                    b = Balancer.builder(e.getValue()).strategy(name).options(options.withSlowStart(slowStartWindow)).build();
                } catch (IllegalArgumentException ignoresWeights) {
                    b = Balancer.builder(e.getValue()).strategy(name).options(options).build();
                }
                byStrategy.put(name, b);
            }
            balancers.put(e.getKey(), byStrategy);
        }
    }

    Registry registry() {
        return registry;
    }

    String zone() {
        return zone;
    }

    ServiceCache cache(String service) {
        return caches.get(service);
    }

    Map<String, Balancer> balancers(String service) {
        return balancers.getOrDefault(service, Map.of());
    }

    @Override
    public void close() {
        balancers.values().forEach(m -> m.values().forEach(Balancer::close));
        registry.close();
    }
}
