package io.sextant;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The entry point: registers this process's instances and opens watched caches of the services it
 * calls, over the backend that {@link SextantConfig} names.
 *
 * <pre>{@code
 * try (Registry registry = Registry.open(SextantConfig.fromEnvironment())) {
 *     Registration me = registry.register(ServiceInstance.builder("orders").host("10.0.0.5").port(8080).build());
 *     ServiceCache payments = registry.cache("payments");
 *     payments.awaitReady(Duration.ofSeconds(5));
 *     InstanceSet now = payments.snapshot();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing the registry deregisters every registration and closes every cache.
 */
public interface Registry extends AutoCloseable {

    /**
     * Opens a registry on the backend named by {@code config}, found with {@link java.util.ServiceLoader}.
     *
     * @throws IllegalArgumentException when no backend has that name (the message lists those available)
     *     or a key is malformed
     * @throws BackendUnavailableException when the backend cannot be reached in the connect timeout
     */
    static Registry open(SextantConfig config) {
        return io.sextant.internal.SupervisedRegistry.open(config);
    }

    /**
     * Registers {@code instance} and waits until the backend has it (at most the request timeout).
     *
     * @throws IllegalArgumentException when this registry already holds a registration of that service and id
     * @throws BackendUnavailableException when the backend did not accept it in time
     */
    Registration register(ServiceInstance instance);

    /** Registers without blocking; the future fails as {@link #register} would throw. */
    CompletableFuture<Registration> registerAsync(ServiceInstance instance);

    /**
     * The watched cache of {@code service}, started on first call and shared by later calls until
     * closed.
     *
     * @throws IllegalArgumentException when {@code service} is not a valid service name
     */
    ServiceCache cache(String service);

    /** Names of the services that have at least one registered record now. */
    CompletableFuture<Set<String>> services();

    /** Receives every repair the supervisor makes. Called on the supervisor's thread; never block. */
    void addRepairListener(Consumer<RegistrationRepairedEvent> listener);

    /**
     * Adds a listener for this registry's {@link RegistryEvent}s: connection changes, lost and
     * restored leases or sessions, repairs, resyncs, held drops, corrupt records, snapshot-file loads
     * and cache updates. See {@link RegistryEventListener} for threading and back-pressure.
     */
    void addEventListener(RegistryEventListener listener);

    /** Removes a listener added with {@link #addEventListener}; no-op when absent. */
    void removeEventListener(RegistryEventListener listener);

    /**
     * Adds a listener for backend connection changes only ({@code CONNECTED}, {@code SUSPENDED},
     * {@code LOST}, {@code RECONNECTED}, with the time), as Curator's {@code ConnectionStateListener}.
     */
    default void addStateListener(Consumer<ConnectionStateChangedEvent> listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        addEventListener(e -> {
            if (e instanceof ConnectionStateChangedEvent c) {
                listener.accept(c);
            }
        });
    }

    /**
     * The backend connection, every open cache (stale or not, and for how long), and the
     * registrations waiting for a repair, read now. Never blocks.
     */
    RegistryHealth health();

    /** Counters since open. */
    RegistryStats stats();

    /** The configuration this registry was opened with. */
    SextantConfig config();

    /** Deregisters everything, closes caches and the backend. Idempotent. */
    @Override
    void close();
}
