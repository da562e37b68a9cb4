package io.sextant.spring;

import io.sextant.InstanceStatus;
import io.sextant.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Spring Cloud's {@link ServiceRegistry} on a Sextant {@link Registry}, so Spring Cloud's hooks (and
 * the {@code serviceregistry} actuator endpoint) can register, deregister and set the status
 * ({@code UP}, {@code DRAINING}, {@code DOWN}) of a {@link SextantRegistration}.
 *
 * <p>Thread-safe.
 */
public final class SextantServiceRegistry implements ServiceRegistry<SextantRegistration> {
    private static final Logger LOG = LoggerFactory.getLogger(SextantServiceRegistry.class);

    private final Registry registry;
    private final Duration requestTimeout;

    SextantServiceRegistry(Registry registry) {
        this.registry = registry;
        this.requestTimeout = registry.config().requestTimeout();
    }

    /**
     * Registers and waits until the backend has the record. Does nothing when already registered.
     *
     * @throws io.sextant.BackendUnavailableException when the backend did not accept it in time
     */
    @Override
    public synchronized void register(SextantRegistration registration) {
        if (registration.registration().isPresent()) {
            return;
        }
        registration.attach(registry.register(registration.toInstance()));
        LOG.info("registered service '{}' instance '{}' at {}:{}", registration.getServiceId(),
                registration.getInstanceId(), registration.getHost(), registration.getPort());
    }

    /** Deletes the record at once. Does nothing when not registered. */
    @Override
    public synchronized void deregister(SextantRegistration registration) {
        registration.registration().ifPresent(r -> {
            r.close();
            LOG.info("deregistered service '{}' instance '{}'", registration.getServiceId(), registration.getInstanceId());
        });
    }

    /** Nothing to do: the {@link Registry} bean is closed with the application context. */
    @Override
    public void close() {
    }

    /**
     * Sets the published status and waits (at most the request timeout) for the backend to have it.
     *
     * @throws IllegalArgumentException for a status other than UP, DRAINING or DOWN
     * @throws IllegalStateException when not registered
     */
    @Override
    public void setStatus(SextantRegistration registration, String status) {
        InstanceStatus s = InstanceStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        io.sextant.Registration r = registration.registration()
                .orElseThrow(() -> new IllegalStateException(registration + " is not registered"));
        try {
            r.updateStatus(s).get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The local data is updated already; the supervisor writes it when the backend answers.
            LOG.warn("status {} of {} not confirmed by the backend yet: {}", s, registration, e.toString());
        }
    }

    /** The published status name, or {@code null} when not registered. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T getStatus(SextantRegistration registration) {
        return (T) registration.registration().map(r -> r.instance().status().name()).orElse(null);
    }
}
