package io.sextant.balancer.internal;

import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.ServiceCache;
import io.sextant.balancer.spi.Strategy;

/** Entry point for {@link io.sextant.balancer.BalancerBuilder}; not a public API. */
public final class Balancers {
    private Balancers() {
    }

    /** A balancer over {@code cache} with {@code strategy}, wrapped in slow start when the options ask for it. */
    public static Balancer create(ServiceCache cache, String name, Strategy strategy, BalancerOptions options) {
        Strategy s = strategy;
        if (!options.slowStartWindow().isZero()) {
            if (!strategy.isWeightAware()) {
                throw new IllegalArgumentException("slowStartWindow needs a weighted or load-aware strategy, '"
                        + name + "' ignores weights and load");
            }
            s = new SlowStartStrategy(strategy, options);
        }
        return new DefaultBalancer(cache, name, s, options);
    }
}
