package io.sextant.balancer.spi;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;

/**
 * Picks one instance per call from the candidates it was built over.
 *
 * <p>Immutable apart from state handed to it by its {@link Strategy} (counters, load views), and
 * safe to call from any number of threads. A pick does O(1) or small bounded work and should not
 * allocate. It never returns {@code null} and only returns one of its candidates.
 */
@FunctionalInterface
public interface Picker {

    /** Picks an instance for a call described by {@code context}. */
    ServiceInstance pick(PickContext context);
}
