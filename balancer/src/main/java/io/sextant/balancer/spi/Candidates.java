package io.sextant.balancer.spi;

import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;

/**
 * The instances a {@link Picker} may choose from, as the balancer sees them when it rebuilds.
 *
 * <p>Candidates are the snapshot's instances that are {@linkplain ServiceInstance#isPickable()
 * pickable} (status {@code UP}, weight above 0) and not ejected by an open circuit breaker (unless
 * too many are ejected: then none is, see panic mode). Indexes run from 0 to {@link #size()} − 1,
 * in no particular order: a strategy that must agree with other clients (hashing) must depend on
 * instance ids only, never on the index order.
 *
 * <p>Immutable except for the live {@link InstanceLoad} views. Reads take no lock.
 */
public interface Candidates {

    /** The whole snapshot the candidates come from, including instances that are not candidates. */
    InstanceSet set();

    /** How many candidates there are; at least 1 when handed to {@link Strategy#newPicker}. */
    int size();

    /** The candidate at {@code index}. */
    ServiceInstance get(int index);

    /**
     * The effective weight of the candidate at {@code index}, at least 1: its advertised weight,
     * lowered while it ramps up under slow start.
     */
    int weight(int index);

    /** The live load view of the candidate at {@code index}; it survives snapshot changes. */
    InstanceLoad load(int index);

    /** The number of calls in flight over all instances of the balancer. */
    int totalInFlight();

    /**
     * The ticker time of the latest tracked pick or outcome of the balancer. Load-aware pickers use it
     * as "now" for {@link InstanceLoad} reads, so a pick need not read the clock.
     */
    long recentNanos();

    /** A balancer-wide latency average in nanoseconds, for instances with no sample yet; 0 when none. */
    double typicalLatencyNanos();

    /** Whether ejection was ignored because too large a share of instances would be ejected. */
    boolean panic();
}
