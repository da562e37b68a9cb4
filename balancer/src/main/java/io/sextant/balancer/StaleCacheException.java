package io.sextant.balancer;

import io.sextant.SextantException;

import java.time.Duration;
import java.time.Instant;

/**
 * A pick was refused because the service's cache has been {@linkplain io.sextant.InstanceSet#isStale()
 * stale} (its backend unreachable) for longer than {@link BalancerOptions#maxStaleness()}. Only
 * thrown by balancers built with that option; by default a balancer keeps serving a stale set.
 * Never retried by {@link Balancer#execute}.
 */
public final class StaleCacheException extends SextantException {
    private static final long serialVersionUID = 1L;

    private final String service;
    private final Instant staleSince;
    private final Duration staleFor;
    private final Duration maxStaleness;

    /**
     * @param service      the service's name
     * @param staleSince   when the cache's set became stale
     * @param staleFor     how long it has been stale
     * @param maxStaleness the longest staleness the balancer accepts
     */
    public StaleCacheException(String service, Instant staleSince, Duration staleFor, Duration maxStaleness) {
        super("Refusing to pick an instance of service '" + service + "': its cache has been stale for "
                + staleFor + " (since " + staleSince + "), longer than the " + maxStaleness + " allowed");
        this.service = service;
        this.staleSince = staleSince;
        this.staleFor = staleFor;
        this.maxStaleness = maxStaleness;
    }

    /** The service whose cache is stale. */
    public String service() {
        return service;
    }

    /** When the cache's set became stale. */
    public Instant staleSince() {
        return staleSince;
    }

    /** How long the set had been stale when the pick was refused. */
    public Duration staleFor() {
        return staleFor;
    }

    /** The longest staleness the balancer accepts. */
    public Duration maxStaleness() {
        return maxStaleness;
    }
}
