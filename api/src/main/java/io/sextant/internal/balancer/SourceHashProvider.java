package io.sextant.internal.balancer;

/** Provides the `source-hash` strategy. */
public final class SourceHashProvider extends BuiltinStrategyProvider {
    public SourceHashProvider() {
        super("source-hash", o -> new SourceHashStrategy(o.random(), o.maglevTableSize()));
    }
}
