package io.sextant.balancer.internal;

/** Provides the `ring-hash` strategy. */
public final class RingHashProvider extends BuiltinStrategyProvider {
    public RingHashProvider() {
        super("ring-hash", o -> new RingHashStrategy(o.random(), o.ringVirtualNodes()));
    }
}
