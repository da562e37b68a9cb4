package io.sextant.internal.balancer;

/** Provides the `rendezvous` strategy. */
public final class RendezvousProvider extends BuiltinStrategyProvider {
    public RendezvousProvider() {
        super("rendezvous", o -> new RendezvousStrategy(o.random()));
    }
}
