package io.sextant.spring;

import io.sextant.InstanceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

/**
 * Follows Spring Boot's readiness state: {@code REFUSING_TRAFFIC} publishes the registered instance as
 * DRAINING (callers stop picking it, it stays listed), {@code ACCEPTING_TRAFFIC} as UP again. Spring
 * Boot refuses traffic as soon as the context starts closing, and an application may do so itself
 * (for example while it warms a cache). Does not wait for the backend: the supervisor keeps the data.
 */
final class ReadinessStatusListener implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessStatusListener.class);

    private final SextantRegistration registration;

    ReadinessStatusListener(SextantRegistration registration) {
        this.registration = registration;
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
        InstanceStatus wanted = event.getState() == ReadinessState.ACCEPTING_TRAFFIC ? InstanceStatus.UP
                : InstanceStatus.DRAINING;
        registration.registration().ifPresent(r -> {
            if (r.instance().status() != wanted) {
                LOG.info("readiness {}: service '{}' instance '{}' now {}", event.getState(), registration.getServiceId(),
                        registration.getInstanceId(), wanted);
                r.updateStatus(wanted);
            }
        });
    }
}
