package io.sextant.benchmarks.grpc;

import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.LoadBalancerRegistry;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.util.ForwardingLoadBalancer;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A policy {@code update-probe} that wraps {@code sextant} and records when each resolution result
 * reaches the channel's balancer, with its address count: the moment a registration becomes
 * usable by the channel.
 */
public final class UpdateProbe extends LoadBalancerProvider {
    /** One resolution result reaching the balancer. */
    public record Update(long nanos, int addresses) {
    }

    public final BlockingQueue<Update> updates = new LinkedBlockingQueue<>(100_000);
    private final LoadBalancerProvider sextant = LoadBalancerRegistry.getDefaultRegistry().getProvider("sextant");

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public int getPriority() {
        return 5;
    }

    @Override
    public String getPolicyName() {
        return "update-probe";
    }

    @Override
    public NameResolver.ConfigOrError parseLoadBalancingPolicyConfig(Map<String, ?> raw) {
        return sextant.parseLoadBalancingPolicyConfig(raw);
    }

    @Override
    public LoadBalancer newLoadBalancer(LoadBalancer.Helper helper) {
        LoadBalancer delegate = sextant.newLoadBalancer(helper);
        return new ForwardingLoadBalancer() {
            @Override
            protected LoadBalancer delegate() {
                return delegate;
            }

            @Override
            public Status acceptResolvedAddresses(ResolvedAddresses resolved) {
                updates.offer(new Update(System.nanoTime(), resolved.getAddresses().size()));
                return delegate.acceptResolvedAddresses(resolved);
            }
        };
    }
}
