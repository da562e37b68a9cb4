package io.sextant.balancer.internal;

/** Provides the `sticky` strategy. */
public final class StickyProvider extends BuiltinStrategyProvider {
    public StickyProvider() {
        super("sticky", o -> new StickyStrategy(o.random()));
    }
}
