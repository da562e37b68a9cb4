package io.sextant.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sextant.ServiceCache;
import io.sextant.balancer.Balancer;

import java.util.Objects;

/**
 * Binds the meters of one {@link Balancer} to a {@link MeterRegistry}, tagged {@code service}: open
 * breakers (ejected instances), panic mode, breaker state transitions, and through
 * {@link #measured()} retries and, opt-in, picks per instance.
 *
 * <pre>{@code
 * BalancerMetrics metrics = BalancerMetrics.of(balancer, cache).withPicksPerInstance(true);
 * metrics.bindTo(meterRegistry);
 * Balancer measured = metrics.measured();    // call through this one
 * }</pre>
 *
 * <p><b>What needs {@link #measured()}.</b> The balancer's public API has no pick or retry listener, so
 * picks and retries are counted by a decorator: calls made on the original balancer are not counted.
 * Breaker transitions are counted from each instance's Resilience4j event publisher, subscribed when
 * the measured balancer first tracks a call on the instance (exact from then on) or when a gauge read
 * finds its breaker (a transition before that is missed).
 *
 * <p><b>Cost.</b> Binding adds nothing to the original balancer's pick path. The measured balancer
 * adds a field read per {@code pick}; with picks per instance on, a map lookup and a counter increment
 * (no allocation once the instance's counter exists). Gauges read the balancer and the cache's
 * snapshot when the meter registry reads them; no thread is started.
 *
 * <p>Immutable until bound; binds once. Thread-safe.
 */
public final class BalancerMetrics implements MeterBinder, AutoCloseable {
    private final Balancer balancer;
    private final ServiceCache cache;
    private final Tags tags;
    private final boolean picksPerInstance;
    private BalancerMeters bound; // guarded by this
    private boolean closed; // guarded by this

    private BalancerMetrics(Balancer balancer, ServiceCache cache, Tags tags, boolean picksPerInstance) {
        this.balancer = balancer;
        this.cache = cache;
        this.tags = tags;
        this.picksPerInstance = picksPerInstance;
    }

    /**
     * Meters of {@code balancer}, which balances over {@code cache} (its instances are the ones whose
     * breakers are read).
     *
     * @throws IllegalArgumentException when the cache is of another service than the balancer
     */
    public static BalancerMetrics of(Balancer balancer, ServiceCache cache) {
        Objects.requireNonNull(balancer, "balancer");
        Objects.requireNonNull(cache, "cache");
        if (!balancer.service().equals(cache.service())) {
            throw new IllegalArgumentException("cache must be of the balancer's service '" + balancer.service()
                    + "', got '" + cache.service() + "'");
        }
        return new BalancerMetrics(balancer, cache, Tags.of(MeterNames.TAG_SERVICE, balancer.service()), false);
    }

    /** A copy that adds {@code extra} to every meter (for instance {@code backend}). */
    public BalancerMetrics withTags(Iterable<Tag> extra) {
        Objects.requireNonNull(extra, "extra");
        return new BalancerMetrics(balancer, cache, tags.and(extra), picksPerInstance);
    }

    /**
     * A copy that counts picks per instance ({@code sextant.balancer.picks}, tagged {@code instance}):
     * one time series per instance id, so off by default.
     */
    public BalancerMetrics withPicksPerInstance(boolean on) {
        return new BalancerMetrics(balancer, cache, tags, on);
    }

    /**
     * Registers the meters.
     *
     * @throws IllegalStateException when already bound or closed
     */
    @Override
    public synchronized void bindTo(MeterRegistry meterRegistry) {
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        if (bound != null || closed) {
            throw new IllegalStateException("BalancerMetrics of '" + balancer.service() + "' is already bound or closed");
        }
        bound = new BalancerMeters(balancer, cache, meterRegistry, tags, picksPerInstance);
    }

    /**
     * The balancer to call: the same balancer, with picks (when on), retries of
     * {@link Balancer#execute} and the breakers of the instances it tracks counted.
     *
     * @throws IllegalStateException when not bound yet
     */
    public synchronized Balancer measured() {
        if (bound == null) {
            throw new IllegalStateException("bind BalancerMetrics of '" + balancer.service() + "' before measuring it");
        }
        return bound.measured();
    }

    /** Removes every meter this binder registered; the measured balancer keeps working, unmeasured. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (bound != null) {
            bound.close();
        }
    }
}
