package io.sextant.balancer.internal;

/** Provides the `round-robin` strategy, starting each balancer's rotation at a random index. */
public final class RoundRobinProvider extends BuiltinStrategyProvider {
    public RoundRobinProvider() {
        super("round-robin", o -> new RoundRobinStrategy(o.random().nextInt()));
    }
}
