package io.sextant.balancer.internal;

/** Provides the `bounded-load` strategy. */
public final class BoundedLoadProvider extends BuiltinStrategyProvider {
    public BoundedLoadProvider() {
        super("bounded-load", o -> new BoundedLoadStrategy(o.random(), o.ringVirtualNodes(), o.boundedLoadFactor()));
    }
}
