package io.sextant.balancer.internal;

/** Provides the `source-hash` strategy. */
public final class SourceHashProvider extends BuiltinStrategyProvider {
    public SourceHashProvider() {
        super("source-hash", o -> MaglevStrategy.bySourceAddress(o.random(), o.maglevTableSize()));
    }
}
