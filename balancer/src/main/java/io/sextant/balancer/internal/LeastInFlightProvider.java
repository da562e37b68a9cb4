package io.sextant.balancer.internal;

/** Provides the `least-in-flight` strategy. */
public final class LeastInFlightProvider extends BuiltinStrategyProvider {
    public LeastInFlightProvider() {
        super("least-in-flight", o -> new LeastInFlightStrategy(o.random()));
    }
}
