package io.sextant.grpc;

import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.LoadBalancerRegistry;
import io.grpc.Metadata;
import io.grpc.NameResolver.ConfigOrError;
import io.grpc.Status;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.spi.StrategyRegistry;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code sextant} load-balancing policy: picks among the channel's READY subchannels with any
 * Sextant strategy ({@code round-robin}, {@code weighted-round-robin}, {@code p2c-peak-ewma},
 * {@code maglev}, {@code ring-hash}, {@code zone-aware}, ... or your own
 * {@link io.sextant.balancer.spi.StrategyProvider}), with instance weights and ids from the
 * {@code sextant:///} resolver, latency and in-flight counts taken from the RPCs themselves, and a
 * circuit breaker per instance fed by their outcomes (an open breaker ejects its instance, unless
 * more than half would be ejected).
 *
 * <p>Select it by service config, for instance
 * {@code {"loadBalancingConfig":[{"sextant":{"strategy":"maglev","hashHeader":"x-user-id"}}]}}, or
 * with {@code ManagedChannelBuilder.defaultLoadBalancingPolicy("sextant")} (strategy
 * {@value io.sextant.balancer.BalancerBuilder#DEFAULT_STRATEGY}). Config fields, all optional:
 * <ul>
 *   <li>{@code strategy}: a Sextant strategy name;</li>
 *   <li>{@code hashHeader}: a request header (ASCII, not {@code -bin}) whose value is the request key
 *       for hashing and sticky strategies; calls without it get a random instance;</li>
 *   <li>{@code zone}: the caller's zone, for {@code zone-aware}.</li>
 * </ul>
 *
 * <p>Found by {@link java.util.ServiceLoader} (priority 5) with {@link BalancerOptions#DEFAULT}. For
 * other options (breaker thresholds, Maglev table size, ...) {@link #register() register} a provider
 * made with {@link #SextantLoadBalancerProvider(BalancerOptions)}, which takes priority 6.
 * Thread-safe.
 */
public final class SextantLoadBalancerProvider extends LoadBalancerProvider {
    /** The policy name, {@value}. */
    public static final String POLICY_NAME = "sextant";

    private final BalancerOptions options;
    private final StrategyRegistry strategies;
    private final int priority;

    /** The provider {@link java.util.ServiceLoader} creates: default options, priority 5. */
    public SextantLoadBalancerProvider() {
        this(BalancerOptions.DEFAULT, StrategyRegistry.getDefault(), 5);
    }

    /** A provider whose balancers use {@code options} and the class path's strategies; priority 6. */
    public SextantLoadBalancerProvider(BalancerOptions options) {
        this(options, StrategyRegistry.getDefault(), 6);
    }

    /** A provider whose balancers use {@code options} and look strategies up in {@code strategies}; priority 6. */
    public SextantLoadBalancerProvider(BalancerOptions options, StrategyRegistry strategies) {
        this(options, strategies, 6);
    }

    private SextantLoadBalancerProvider(BalancerOptions options, StrategyRegistry strategies, int priority) {
        this.options = Objects.requireNonNull(options, "options must not be null");
        this.strategies = Objects.requireNonNull(strategies, "strategies must not be null");
        this.priority = priority;
    }

    /** Registers this provider in gRPC's default {@link LoadBalancerRegistry}; returns this. */
    public SextantLoadBalancerProvider register() {
        LoadBalancerRegistry.getDefaultRegistry().register(this);
        return this;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public String getPolicyName() {
        return POLICY_NAME;
    }

    @Override
    public LoadBalancer newLoadBalancer(LoadBalancer.Helper helper) {
        return new SextantLoadBalancer(helper, options, strategies);
    }

    /** Parses the policy's JSON config; a bad field becomes an error naming it, never a throw. */
    @Override
    public ConfigOrError parseLoadBalancingPolicyConfig(Map<String, ?> raw) {
        try {
            String strategy = string(raw, "strategy");
            if (strategy == null) {
                strategy = SextantPolicyConfig.DEFAULT.strategy();
            } else if (!strategies.names().contains(strategy)) {
                return error("strategy must be one of " + strategies.names() + ", got '" + strategy + "'");
            }
            String header = string(raw, "hashHeader");
            Metadata.Key<String> key = null;
            if (header != null) {
                if (header.endsWith(Metadata.BINARY_HEADER_SUFFIX) || header.startsWith(":")) {
                    return error("hashHeader must name an ASCII header (not '-bin', not a pseudo-header), got '"
                            + header + "'");
                }
                key = Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER);
            }
            String zone = string(raw, "zone");
            if (zone != null) {
                PickContext.NONE.withZone(zone); // validates
            }
            return ConfigOrError.fromConfig(new SextantPolicyConfig(strategy, key, zone == null ? "" : zone));
        } catch (IllegalArgumentException e) {
            return ConfigOrError.fromError(Status.UNAVAILABLE.withCause(e)
                    .withDescription("invalid 'sextant' load-balancing config: " + e.getMessage()));
        }
    }

    private static String string(Map<String, ?> raw, String field) {
        Object v = raw.get(field);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(field + " must be a string, got " + v);
        }
        return (String) v;
    }

    private static ConfigOrError error(String message) {
        return ConfigOrError.fromError(Status.UNAVAILABLE
                .withDescription("invalid 'sextant' load-balancing config: " + message));
    }
}
