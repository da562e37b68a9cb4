package io.sextant.balancer.spi;

/**
 * A balancing strategy: turns the eligible instances of one snapshot into an immutable
 * {@link Picker}.
 *
 * <p>One strategy object belongs to one balancer for its whole life. It may hold state that must
 * survive snapshot changes (a rotating counter, a sticky table) and hand it to each picker it
 * builds; everything derived from the instances (rings, tables, weights) belongs in the picker.
 *
 * <p>{@link #newPicker(Candidates)} is called off the pick path, on the balancer's rebuild
 * executor (only a balancer that has no picker yet builds on the thread that asks it for a pick),
 * one call at a time per balancer, and may take milliseconds: picks meanwhile use the previous
 * picker. It is never called with an empty {@link Candidates}. Implementations must be thread-safe with respect to the
 * pickers they have built, which are used from many threads at once.
 */
public interface Strategy {

    /** Builds a picker over {@code candidates}; never returns {@code null}. */
    Picker newPicker(Candidates candidates);

    /**
     * Whether picks depend on instance weights or load, so that slow start (which lowers the
     * effective weight of new instances) changes them. Default {@code false}.
     */
    default boolean isWeightAware() {
        return false;
    }
}
