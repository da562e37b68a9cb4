package io.sextant.balancer.internal;

/** Provides the `rendezvous` strategy. */
public final class RendezvousProvider extends BuiltinStrategyProvider {
    public RendezvousProvider() {
        super("rendezvous", o -> new RendezvousStrategy(o.random()));
    }
}
