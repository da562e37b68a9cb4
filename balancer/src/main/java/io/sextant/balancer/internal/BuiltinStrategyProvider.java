package io.sextant.balancer.internal;

import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.spi.Strategy;
import io.sextant.balancer.spi.StrategyProvider;

import java.util.function.Function;

/** A built-in strategy's provider: a name and a factory. Subclasses only exist for ServiceLoader. */
abstract class BuiltinStrategyProvider implements StrategyProvider {
    private final String name;
    private final Function<BalancerOptions, Strategy> factory;

    BuiltinStrategyProvider(String name, Function<BalancerOptions, Strategy> factory) {
        this.name = name;
        this.factory = factory;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Strategy newStrategy(BalancerOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return factory.apply(options);
    }

    @Override
    public String toString() {
        return "StrategyProvider{" + name + "}";
    }
}
