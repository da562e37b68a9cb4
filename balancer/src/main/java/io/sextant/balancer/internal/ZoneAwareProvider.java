package io.sextant.balancer.internal;

/** Provides the `zone-aware` strategy. */
public final class ZoneAwareProvider extends BuiltinStrategyProvider {
    public ZoneAwareProvider() {
        super("zone-aware", o -> new ZoneAwareStrategy(o.random(), o.zoneSpilloverThreshold()));
    }
}
