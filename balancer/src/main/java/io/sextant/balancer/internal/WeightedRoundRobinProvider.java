package io.sextant.balancer.internal;

/** Provides the `weighted-round-robin` strategy. */
public final class WeightedRoundRobinProvider extends BuiltinStrategyProvider {
    public WeightedRoundRobinProvider() {
        super("weighted-round-robin", o -> new SmoothWeightedRoundRobinStrategy());
    }
}
