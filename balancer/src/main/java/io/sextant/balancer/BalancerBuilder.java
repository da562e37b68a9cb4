package io.sextant.balancer;

import io.sextant.ServiceCache;

import io.sextant.spi.support.Checks;
import io.sextant.balancer.internal.Balancers;
import io.sextant.balancer.spi.StrategyRegistry;

/**
 * Collects the choices for a {@link Balancer}: its strategy (by name) and options. Not thread-safe.
 *
 * <pre>{@code
 * Balancer b = Balancer.builder(cache).strategy("p2c-peak-ewma")
 *         .options(BalancerOptions.DEFAULT.withSlowStart()).build();
 * }</pre>
 */
public final class BalancerBuilder {
    /** The strategy used when none is named. */
    public static final String DEFAULT_STRATEGY = "round-robin";

    private final ServiceCache cache;
    private String strategy = DEFAULT_STRATEGY;
    private BalancerOptions options = BalancerOptions.DEFAULT;
    private StrategyRegistry registry;

    BalancerBuilder(ServiceCache cache) {
        this.cache = Checks.notNull("cache", cache);
    }

    /** The strategy's name, e.g. {@code round-robin}, {@code maglev}; default {@value #DEFAULT_STRATEGY}. */
    public BalancerBuilder strategy(String name) {
        this.strategy = Checks.notNull("strategy", name);
        return this;
    }

    /** The options; default {@link BalancerOptions#DEFAULT}. */
    public BalancerBuilder options(BalancerOptions options) {
        this.options = Checks.notNull("options", options);
        return this;
    }

    /** Where strategy names are looked up; default {@link StrategyRegistry#getDefault()}. */
    public BalancerBuilder registry(StrategyRegistry registry) {
        this.registry = Checks.notNull("registry", registry);
        return this;
    }

    /**
     * Builds the balancer and attaches it to the cache.
     *
     * @throws IllegalArgumentException for an unknown strategy name (listing the known ones), or slow
     *     start with a strategy that ignores weights and load
     */
    public Balancer build() {
        StrategyRegistry r = registry == null ? StrategyRegistry.getDefault() : registry;
        return Balancers.create(cache, strategy, r.provider(strategy).newStrategy(options), options);
    }
}
