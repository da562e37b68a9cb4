package io.sextant.balancer.internal;

/** Provides the `weighted-round-robin` strategy, starting each balancer's schedule at a random step. */
public final class WeightedRoundRobinProvider extends BuiltinStrategyProvider {
    public WeightedRoundRobinProvider() {
        super("weighted-round-robin", o -> new SmoothWeightedRoundRobinStrategy(o.random().nextInt()));
    }
}
