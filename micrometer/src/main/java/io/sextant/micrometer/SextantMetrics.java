package io.sextant.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.balancer.Balancer;

import java.util.Objects;

/**
 * Binds the meters of one {@link Registry} to a {@link MeterRegistry}: connection state, every open
 * cache (instances, staleness, updates, resyncs, held drops, corrupt records, snapshot-file loads,
 * propagation lag) and the registrations (live, awaiting repair, repairs, restores), each tagged
 * {@code backend} and, per cache or repair, {@code service}.
 *
 * <pre>{@code
 * SextantMetrics metrics = SextantMetrics.of(registry);
 * metrics.bindTo(meterRegistry);
 * ...
 * metrics.close();   // removes the meters and the event listener
 * }</pre>
 *
 * <p><b>Cost.</b> Gauges read {@link Registry#health()} when the meter registry reads them (a scrape);
 * there is no polling thread. Counters and timers are moved by one {@link io.sextant.RegistryEventListener}
 * on the registry's event thread; nothing runs on a backend, cache or pick thread. Without a binder
 * nothing of this module is loaded.
 *
 * <p><b>Per-cache meters</b> appear at the cache's first event or the first read of any gauge after
 * the cache opened, whichever is first, and are removed once a gauge read finds the cache closed.
 *
 * <p>Immutable until bound; {@link #bindTo} binds once (a second call throws {@link IllegalStateException}).
 * Thread-safe.
 */
public final class SextantMetrics implements MeterBinder, AutoCloseable {
    private final Registry registry;
    private final Tags tags;
    private RegistryMeters bound; // guarded by this
    private boolean closed; // guarded by this

    private SextantMetrics(Registry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
    }

    /** Meters of {@code registry}, tagged {@code backend} with its backend name. */
    public static SextantMetrics of(Registry registry) {
        Objects.requireNonNull(registry, "registry");
        return new SextantMetrics(registry, Tags.of(MeterNames.TAG_BACKEND, registry.config().backend()));
    }

    /** A copy that adds {@code extra} to every meter (for instance an application or zone tag). */
    public SextantMetrics withTags(Iterable<Tag> extra) {
        Objects.requireNonNull(extra, "extra");
        return new SextantMetrics(registry, tags.and(extra));
    }

    /**
     * Meters of a balancer over one of this registry's caches, with this binder's tags
     * ({@code backend} and any added); bind them separately.
     */
    public BalancerMetrics balancer(Balancer balancer, ServiceCache cache) {
        return BalancerMetrics.of(balancer, cache).withTags(tags);
    }

    /**
     * Registers the meters and starts listening to the registry's events.
     *
     * @throws IllegalStateException when already bound or closed
     */
    @Override
    public synchronized void bindTo(MeterRegistry meterRegistry) {
        Objects.requireNonNull(meterRegistry, "meterRegistry");
        if (bound != null || closed) {
            throw new IllegalStateException("SextantMetrics of " + registry + " is already bound or closed");
        }
        bound = new RegistryMeters(registry, meterRegistry, tags);
        bound.bind();
    }

    /** Stops listening and removes every meter this binder registered. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (bound != null) {
            bound.close();
        }
    }
}
