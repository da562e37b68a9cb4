package io.sextant.balancer.internal;

/** Provides the `maglev` strategy. */
public final class MaglevProvider extends BuiltinStrategyProvider {
    public MaglevProvider() {
        super("maglev", o -> new MaglevStrategy(o.random(), o.maglevTableSize()));
    }
}
