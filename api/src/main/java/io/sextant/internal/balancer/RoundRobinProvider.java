package io.sextant.internal.balancer;

/** Provides the `round-robin` strategy. */
public final class RoundRobinProvider extends BuiltinStrategyProvider {
    public RoundRobinProvider() {
        super("round-robin", o -> new RoundRobinStrategy());
    }
}
