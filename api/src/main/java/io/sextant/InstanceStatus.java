package io.sextant;

/**
 * The advertised state of a service instance.
 *
 * <p>Only {@link #UP} instances receive new calls from balancers; {@link #DRAINING} instances finish
 * what they have but get nothing new; {@link #DOWN} instances are listed (so operators can see them)
 * and never picked.
 */
public enum InstanceStatus {
    /** Serving; eligible for picks. */
    UP,
    /** Shutting down gracefully; not picked for new calls. */
    DRAINING,
    /** Registered but not serving; never picked. */
    DOWN
}
