package io.sextant.balancer.internal;

/** Provides the `weighted-random` strategy. */
public final class WeightedRandomProvider extends BuiltinStrategyProvider {
    public WeightedRandomProvider() {
        super("weighted-random", o -> new WeightedRandomStrategy(o.random()));
    }
}
