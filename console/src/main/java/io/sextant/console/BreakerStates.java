package io.sextant.console;

import java.util.Optional;

/**
 * Where the console reads the circuit-breaker state of an instance (for example from the balancers of the
 * application it runs in). The console only shows the state; it never changes a breaker.
 */
@FunctionalInterface
public interface BreakerStates {
    /** No breakers known: the balancing view shows none. */
    BreakerStates NONE = (service, instanceId) -> Optional.empty();

    /**
     * The state of the breaker for {@code instanceId} of {@code service}, such as {@code CLOSED}, {@code OPEN} or
     * {@code HALF_OPEN}, or empty when there is none.
     */
    Optional<String> state(String service, String instanceId);
}
