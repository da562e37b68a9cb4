package io.sextant.balancer.internal;

/** Provides the `random` strategy. */
public final class RandomProvider extends BuiltinStrategyProvider {
    public RandomProvider() {
        super("random", o -> new RandomStrategy(o.random()));
    }
}
