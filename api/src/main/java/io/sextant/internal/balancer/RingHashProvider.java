package io.sextant.internal.balancer;

/** Provides the `ring-hash` strategy. */
public final class RingHashProvider extends BuiltinStrategyProvider {
    public RingHashProvider() {
        super("ring-hash", o -> new RingHashStrategy(o.random(), o.ringVirtualNodes()));
    }
}
