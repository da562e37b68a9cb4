package io.sextant.balancer.internal;

/** Provides the `round-robin` strategy. */
public final class RoundRobinProvider extends BuiltinStrategyProvider {
    public RoundRobinProvider() {
        super("round-robin", o -> new RoundRobinStrategy());
    }
}
