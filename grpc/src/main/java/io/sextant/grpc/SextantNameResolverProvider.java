package io.sextant.grpc;

import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.sextant.Registry;
import io.sextant.SextantConfig;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The name resolver for targets {@code sextant:///<service>}: a channel built with
 * {@code ManagedChannelBuilder.forTarget("sextant:///greeter")} follows the registered instances of
 * {@code greeter}, as pushed by the registry's watched cache.
 *
 * <p>Each instance that may take calls becomes one {@link io.grpc.EquivalentAddressGroup} carrying
 * its {@link SextantAttributes}; {@code DRAINING} and {@code DOWN} instances and those of weight 0 are
 * left out. When no instance is left, the channel gets {@code UNAVAILABLE} naming the service (its
 * cause is an {@link io.sextant.balancer.NoInstanceAvailableException}). While the registry is unreachable the
 * last known instances keep being served.
 *
 * <p><b>Registration.</b> Found by {@link java.util.ServiceLoader} (in
 * {@code META-INF/services/io.grpc.NameResolverProvider}) with priority 4: that instance opens, on its
 * first use, one registry from {@link SextantConfig#fromEnvironment()} for the life of the JVM. To
 * use a registry of your own, build a provider and register it; it takes priority 5 and so replaces
 * the ServiceLoader one for the {@code sextant} scheme (priority 5 ties with {@code dns}, which stays
 * the default scheme):
 *
 * <pre>{@code
 * SextantNameResolverProvider.builder().registry(registry).build().register();
 * ManagedChannel channel = ManagedChannelBuilder.forTarget("sextant:///greeter")
 *         .defaultLoadBalancingPolicy("sextant").usePlaintext().build();
 * }</pre>
 *
 * <p>Thread-safe. A provider built from a {@link Builder#config(SextantConfig) configuration} owns the
 * registry it opens; {@link #close()} closes it (channels using it stop getting updates).
 */
public final class SextantNameResolverProvider extends NameResolverProvider implements AutoCloseable {
    /** The target scheme, {@value}. */
    public static final String SCHEME = "sextant";

    private static final Pattern SERVICE = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,62})");
    private static final RegistrySource FROM_ENVIRONMENT = RegistrySource.opening(SextantConfig::fromEnvironment);

    private final RegistrySource source;
    private final int priority;
    private final Duration readyTimeout;

    /**
     * The provider {@link java.util.ServiceLoader} creates: priority 4, and a registry shared by the
     * whole JVM, opened from {@link SextantConfig#fromEnvironment()} when a channel first needs it.
     * Applications should use {@link #builder()} instead.
     */
    public SextantNameResolverProvider() {
        this(FROM_ENVIRONMENT, 4, Builder.DEFAULT_READY_TIMEOUT);
    }

    private SextantNameResolverProvider(RegistrySource source, int priority, Duration readyTimeout) {
        this.source = source;
        this.priority = priority;
        this.readyTimeout = readyTimeout;
    }

    /** Starts a builder; without a registry or configuration it uses {@link SextantConfig#fromEnvironment()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers this provider in gRPC's default {@link NameResolverRegistry}, so
     * {@code ManagedChannelBuilder.forTarget("sextant:///...")} uses it.
     *
     * @return this provider
     */
    public SextantNameResolverProvider register() {
        NameResolverRegistry.getDefaultRegistry().register(this);
        return this;
    }

    /** Removes this provider from gRPC's default registry; no-op when absent. */
    public void deregister() {
        NameResolverRegistry.getDefaultRegistry().deregister(this);
    }

    /**
     * A resolver for {@code sextant:///<service>}; {@code null} for another scheme.
     *
     * @throws IllegalArgumentException when the target is not of the form {@code sextant:///<service>}
     *     with a valid service name
     */
    @Override
    public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
        if (!SCHEME.equals(targetUri.getScheme())) {
            return null;
        }
        return new SextantNameResolver(service(targetUri), source, readyTimeout, args);
    }

    static String service(URI target) {
        String path = target.getPath();
        if (target.getAuthority() != null || path == null || !path.startsWith("/")
                || !SERVICE.matcher(path.substring(1)).matches()) {
            throw new IllegalArgumentException("target must be sextant:///<service> with a service name of "
                    + "[a-z0-9]([a-z0-9._-]{0,62}), got '" + target + "'");
        }
        return path.substring(1);
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return priority;
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }

    /** Closes the registry this provider opened from a configuration; a given registry is left open. */
    @Override
    public void close() {
        if (source != FROM_ENVIRONMENT) {
            source.close();
        }
    }

    /** Configures a {@link SextantNameResolverProvider}. Not thread-safe. */
    public static final class Builder {
        static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(10);

        private Registry registry;
        private Supplier<SextantConfig> config;
        private Duration readyTimeout = DEFAULT_READY_TIMEOUT;

        private Builder() {
        }

        /** Resolve through {@code registry}, owned by the application (not closed by the provider). */
        public Builder registry(Registry registry) {
            this.registry = Objects.requireNonNull(registry, "registry must not be null");
            this.config = null;
            return this;
        }

        /** Open a registry from {@code config} on first use; the provider owns and closes it. */
        public Builder config(SextantConfig config) {
            Objects.requireNonNull(config, "config must not be null");
            this.config = () -> config;
            this.registry = null;
            return this;
        }

        /**
         * How long a new resolver waits for the registry's first read of its service before it
         * reports {@code UNAVAILABLE} (it keeps listening and reports the instances when they come);
         * default 10 s.
         */
        public Builder readyTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "readyTimeout must not be null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("readyTimeout must be positive, got " + timeout);
            }
            this.readyTimeout = timeout;
            return this;
        }

        /** The provider, with priority 5. */
        public SextantNameResolverProvider build() {
            RegistrySource s = registry != null ? RegistrySource.of(registry)
                    : RegistrySource.opening(config != null ? config : SextantConfig::fromEnvironment);
            return new SextantNameResolverProvider(s, 5, readyTimeout);
        }
    }
}
