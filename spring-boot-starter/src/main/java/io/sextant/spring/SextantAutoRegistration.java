package io.sextant.spring;

import io.sextant.InstanceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/**
 * Registers the application once it is ready, and takes it out gracefully on shutdown: status
 * DRAINING (callers stop picking it), a drain delay for callers to see that, then deregistration.
 *
 * <p>Shutdown runs as a {@link SmartLifecycle} stopped in phase {@link #PHASE}, above Spring Boot's
 * web server graceful shutdown ({@code DEFAULT_PHASE - 1024}) and web server stop
 * ({@code DEFAULT_PHASE - 2048}): lifecycles stop from the highest phase down, so the instance has
 * left every caller's picks before the web server stops accepting requests.
 */
final class SextantAutoRegistration implements SmartLifecycle, ApplicationListener<ApplicationReadyEvent> {
    /** Stopped before the web server's graceful shutdown (phase {@code DEFAULT_PHASE - 1024}). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger LOG = LoggerFactory.getLogger(SextantAutoRegistration.class);

    private final SextantServiceRegistry serviceRegistry;
    private final SextantRegistration registration;
    private final Duration drainDelay;
    private final ApplicationEventPublisher events;
    private volatile boolean running;

    SextantAutoRegistration(SextantServiceRegistry serviceRegistry, SextantRegistration registration, Duration drainDelay,
                            ApplicationEventPublisher events) {
        this.serviceRegistry = serviceRegistry;
        this.registration = registration;
        this.drainDelay = drainDelay;
        this.events = events;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (registration.getPort() <= 0) {
            LOG.info("not registering service '{}': no web server port is known (set sextant.registration.port)",
                    registration.getServiceId());
            return;
        }
        serviceRegistry.register(registration);
        // Spring Cloud's discovery health indicator counts the client as initialized from this event on.
        events.publishEvent(new InstanceRegisteredEvent<>(this, registration));
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (registration.registration().isEmpty()) {
            return;
        }
        LOG.info("service '{}' instance '{}' draining for {} before deregistering", registration.getServiceId(),
                registration.getInstanceId(), drainDelay);
        try {
            serviceRegistry.setStatus(registration, InstanceStatus.DRAINING.name());
            if (!drainDelay.isZero() && !drainDelay.isNegative()) {
                Thread.sleep(drainDelay.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("could not mark {} DRAINING; deregistering now", registration, e);
        } finally {
            serviceRegistry.deregister(registration);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
