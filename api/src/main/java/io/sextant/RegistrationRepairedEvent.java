package io.sextant;

/**
 * The registry's supervisor wrote a registration back to the backend.
 *
 * @param instance the data written
 * @param reason   why: {@code "missing"}, {@code "changed"} or {@code "backend-restored"}
 */
public record RegistrationRepairedEvent(ServiceInstance instance, String reason) {
}
