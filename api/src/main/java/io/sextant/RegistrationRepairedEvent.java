package io.sextant;

import java.time.Instant;

/**
 * The registry's supervisor wrote a registration back to the backend.
 *
 * @param instance the data written
 * @param reason   why: {@code "missing"}, {@code "changed"} or {@code "backend-restored"}
 * @param at       when it was written
 */
public record RegistrationRepairedEvent(ServiceInstance instance, String reason, Instant at) implements RegistryEvent {
    /** An event stamped now. */
    public RegistrationRepairedEvent(ServiceInstance instance, String reason) {
        this(instance, reason, Instant.now());
    }

    @Override
    public String service() {
        return instance.service();
    }
}
