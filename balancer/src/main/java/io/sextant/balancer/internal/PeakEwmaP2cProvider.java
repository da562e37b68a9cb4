package io.sextant.balancer.internal;

/** Provides the `p2c-peak-ewma` strategy. */
public final class PeakEwmaP2cProvider extends BuiltinStrategyProvider {
    public PeakEwmaP2cProvider() {
        super("p2c-peak-ewma", o -> new PeakEwmaP2cStrategy(o.random()));
    }
}
