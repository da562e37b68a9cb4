package io.sextant.balancer.spi;

/**
 * Live load of one instance, fed by tracked picks and kept by instance id across snapshot changes.
 *
 * <p>Reads are lock-free and allocate nothing. Figures taking {@code nowNanos} decay with age, so
 * old information loses weight: a read at a later time sees a smaller value unless new samples
 * arrived. Times are from the balancer's ticker ({@link io.sextant.balancer.BalancerOptions#ticker()}).
 */
public interface InstanceLoad {

    /** Calls started on this instance and not yet finished. */
    int inFlight();

    /**
     * The peak-EWMA latency in nanoseconds at {@code nowNanos}: jumps up to any slower sample, decays
     * towards faster ones and with age. Failures count as samples at least as slow as the
     * configured failure penalty. 0 when nothing was observed.
     */
    double latencyNanos(long nowNanos);

    /** A failure count that decays with age (each failure adds 1). */
    double recentFailures(long nowNanos);

    /**
     * When the balancer first saw this instance, by its ticker; {@link Long#MIN_VALUE} for instances
     * of the balancer's first non-empty snapshot, which count as long known.
     */
    long firstSeenNanos();
}
