package io.sextant.grpc;

import io.grpc.Server;
import io.grpc.protobuf.services.HealthStatusManager;
import io.sextant.InstanceStatus;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A started gRPC {@link Server} registered in Sextant under its actual port, and its orderly exit.
 *
 * <pre>{@code
 * HealthStatusManager health = new HealthStatusManager();
 * Server server = NettyServerBuilder.forPort(0).addService(new Greeter())
 *         .addService(health.getHealthService()).build().start();
 * SextantServer registered = SextantServer.builder(registry, "greeter").zone("eu-1a")
 *         .health(health).register(server);
 * ...
 * registered.shutdown();   // DRAINING, drain delay, deregister, server shutdown
 * }</pre>
 *
 * <p>With {@link Builder#health(HealthStatusManager)} the registration follows the standard health
 * service: {@code NOT_SERVING} makes the instance {@code DRAINING} (clients stop sending new calls),
 * {@code SERVING} makes it {@code UP} again.
 *
 * <p>{@link #shutdown()} marks the instance {@code DRAINING} and the health service
 * {@code NOT_SERVING}, waits the drain delay so clients' caches learn it, deregisters, then shuts the
 * server down gracefully (calls in progress finish, within the grace period). Thread-safe;
 * {@code shutdown} blocks and is idempotent.
 */
public final class SextantServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SextantServer.class);

    private final Server server;
    private final Registration registration;
    private final HealthStatusManager health;
    private final HealthFollower follower;
    private final Duration drainDelay;
    private final Duration shutdownGrace;
    private boolean shutDown; // guarded by this

    private SextantServer(Server server, Registration registration, HealthStatusManager health,
                          HealthFollower follower, Duration drainDelay, Duration shutdownGrace) {
        this.server = server;
        this.registration = registration;
        this.health = health;
        this.follower = follower;
        this.drainDelay = drainDelay;
        this.shutdownGrace = shutdownGrace;
    }

    /** Starts a builder registering servers as instances of {@code service} in {@code registry}. */
    public static Builder builder(Registry registry, String service) {
        return new Builder(registry, service);
    }

    /** The gRPC server. */
    public Server server() {
        return server;
    }

    /** The live registration (use it to change weight or metadata). */
    public Registration registration() {
        return registration;
    }

    /** The instance as registered now. */
    public ServiceInstance instance() {
        return registration.instance();
    }

    /**
     * DRAINING, wait the drain delay, deregister, then {@link Server#shutdown()} and wait up to the
     * grace period for calls in progress ({@link Server#shutdownNow()} after it). Blocks; idempotent.
     */
    public void shutdown() {
        synchronized (this) {
            if (shutDown) {
                return;
            }
            shutDown = true;
        }
        ServiceInstance me = registration.instance();
        log.info("draining instance {} of '{}' at {}", me.id(), me.service(), me.address());
        if (health != null) {
            health.enterTerminalState();
        }
        try {
            registration.updateStatus(InstanceStatus.DRAINING).get(drainDelay.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            if (!drainDelay.isZero()) {
                Thread.sleep(drainDelay.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("instance {} of '{}' could not be marked DRAINING; deregistering now", me.id(), me.service(), e);
        } finally {
            if (follower != null) {
                follower.close();
            }
            registration.close();
            server.shutdown();
        }
        try {
            if (!server.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("server of instance {} still had calls after {}; forcing", me.id(), shutdownGrace);
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Same as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    @Override
    public String toString() {
        return "SextantServer{" + registration.instance() + "}";
    }

    /** Describes how a server is registered. Not thread-safe. */
    public static final class Builder {
        private final Registry registry;
        private final ServiceInstance.Builder instance;
        private String host;
        private HealthStatusManager health;
        private String healthService = HealthStatusManager.SERVICE_NAME_ALL_SERVICES;
        private Duration drainDelay = Duration.ofSeconds(1);
        private Duration shutdownGrace = Duration.ofSeconds(10);

        private Builder(Registry registry, String service) {
            this.registry = Objects.requireNonNull(registry, "registry must not be null");
            this.instance = ServiceInstance.builder(service);
        }

        /**
         * The host clients should dial; default: the server's listen address when it is bound to a
         * specific one, else this machine's address ({@link InetAddress#getLocalHost()}).
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host must not be null");
            return this;
        }

        /** The instance id; default a random UUID. */
        public Builder id(String id) {
            instance.id(id);
            return this;
        }

        /** The zone; default none. */
        public Builder zone(String zone) {
            instance.zone(zone);
            return this;
        }

        /** The weight, 0 to {@value ServiceInstance#MAX_WEIGHT}; default {@value ServiceInstance#DEFAULT_WEIGHT}. */
        public Builder weight(int weight) {
            instance.weight(weight);
            return this;
        }

        /** The metadata; default none. */
        public Builder metadata(Map<String, String> metadata) {
            instance.metadata(metadata);
            return this;
        }

        /**
         * Follow {@code health}'s overall status ({@code ""}): NOT_SERVING makes the instance DRAINING,
         * SERVING makes it UP. The health manager's service must also be added to the server for
         * remote health checks; following works either way.
         */
        public Builder health(HealthStatusManager health) {
            return health(health, HealthStatusManager.SERVICE_NAME_ALL_SERVICES);
        }

        /** Follow {@code health}'s status of {@code service}. */
        public Builder health(HealthStatusManager health, String service) {
            this.health = Objects.requireNonNull(health, "health must not be null");
            this.healthService = Objects.requireNonNull(service, "service must not be null");
            return this;
        }

        /** How long {@link SextantServer#shutdown()} keeps serving after DRAINING; default 1 s. */
        public Builder drainDelay(Duration delay) {
            this.drainDelay = nonNegative("drainDelay", delay);
            return this;
        }

        /** How long {@link SextantServer#shutdown()} waits for calls in progress; default 10 s. */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = nonNegative("shutdownGrace", grace);
            return this;
        }

        private static Duration nonNegative(String name, Duration d) {
            Objects.requireNonNull(d, name + " must not be null");
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }

        /**
         * Registers {@code server}, which must be started, under the port it actually listens on, and
         * waits until the registry has the record.
         *
         * @throws IllegalStateException when the server is not started or listens on no TCP port
         * @throws io.sextant.BackendUnavailableException when the registry did not take the record in time
         */
        public SextantServer register(Server server) {
            Objects.requireNonNull(server, "server must not be null");
            InetSocketAddress listen = null;
            for (SocketAddress a : server.getListenSockets()) { // throws IllegalStateException before start()
                if (a instanceof InetSocketAddress inet) {
                    listen = inet;
                    break;
                }
            }
            if (listen == null || listen.getPort() <= 0) {
                throw new IllegalStateException("server must be started and listen on a TCP port, listens on "
                        + server.getListenSockets());
            }
            instance.host(host != null ? host : defaultHost(listen)).port(listen.getPort());
            Registration registration = registry.register(instance.build());
            HealthFollower follower = null;
            if (health != null) {
                follower = HealthFollower.start(health.getHealthService(), healthService, registration);
            }
            log.info("registered instance {} of '{}' at {}", registration.instance().id(),
                    registration.instance().service(), registration.instance().address());
            return new SextantServer(server, registration, health, follower, drainDelay, shutdownGrace);
        }

        private static String defaultHost(InetSocketAddress listen) {
            InetAddress a = listen.getAddress();
            if (a != null && !a.isAnyLocalAddress()) {
                return a.getHostAddress();
            }
            try {
                return InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException("cannot find this machine's address; set host(...)", e);
            }
        }
    }
}
