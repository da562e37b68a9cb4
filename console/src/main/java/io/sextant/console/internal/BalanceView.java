package io.sextant.console.internal;

import io.sextant.InstanceSet;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.spi.StrategyRegistry;
import io.sextant.console.BreakerStates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a strategy sends {@value #PICKS} simulated picks over a service's cache, beside each instance's weight.
 * Picks carry keys {@code user-0..user-9999} (for hashing strategies) and no outcome is reported, so the view shows
 * the strategy's placement, not latency-driven behaviour.
 */
final class BalanceView {
    static final int PICKS = 10_000;

    private final BreakerStates breakers;

    BalanceView(BreakerStates breakers) {
        this.breakers = breakers;
    }

    static List<String> strategies() {
        return List.copyOf(StrategyRegistry.getDefault().names());
    }

    Map<String, Object> shares(String service, ServiceCache cache, String strategy, String zone) {
        if (strategy == null || strategy.isEmpty()) {
            strategy = "weighted-round-robin";
        }
        if (!strategies().contains(strategy)) {
            throw new HttpError(400, "unknown strategy '" + strategy + "', known: " + strategies());
        }
        Map<String, Integer> counts = new HashMap<>();
        InstanceSet set = cache.snapshot();
        String error = null;
        try (Balancer balancer = Balancer.builder(cache).strategy(strategy).build()) {
            for (int i = 0; i < PICKS; i++) {
                PickContext context = PickContext.ofKey("user-" + i);
                ServiceInstance picked = balancer.pick(zone == null || zone.isEmpty() ? context : context.withZone(zone));
                counts.merge(picked.id(), 1, Integer::sum);
            }
        } catch (NoInstanceAvailableException e) {
            error = e.getMessage();
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
        long totalWeight = 0;
        for (ServiceInstance i : set.instances()) {
            totalWeight += i.isPickable() ? i.weight() : 0;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ServiceInstance i : set.instances()) {
            int n = counts.getOrDefault(i.id(), 0);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", i.id());
            row.put("zone", i.zone());
            row.put("status", i.status().name());
            row.put("weight", i.weight());
            row.put("weightShare", totalWeight == 0 || !i.isPickable() ? 0.0 : i.weight() / (double) totalWeight);
            row.put("picks", n);
            row.put("share", n / (double) PICKS);
            row.put("breaker", breakers.state(service, i.id()).orElse(null));
            rows.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("service", service);
        doc.put("strategy", strategy);
        doc.put("zone", zone == null ? "" : zone);
        doc.put("picks", PICKS);
        doc.put("strategies", strategies());
        doc.put("error", error);
        doc.put("instances", rows);
        return doc;
    }
}
