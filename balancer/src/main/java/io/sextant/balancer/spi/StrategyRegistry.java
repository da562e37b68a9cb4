package io.sextant.balancer.spi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The strategy providers known by name: those found with {@link ServiceLoader} plus any registered
 * explicitly. When two share a name the one with the higher {@link StrategyProvider#priority()} wins.
 *
 * <p>Thread-safe. {@link #getDefault()} is built lazily from the class path once.
 */
public final class StrategyRegistry {
    private static final Logger log = LoggerFactory.getLogger(StrategyRegistry.class);

    private final Map<String, StrategyProvider> providers = new TreeMap<>();

    /** An empty registry. */
    public StrategyRegistry() {
    }

    /** The registry of every available provider on the class path. */
    public static StrategyRegistry getDefault() {
        return Holder.DEFAULT;
    }

    /** A new registry holding the available providers {@link ServiceLoader} finds with {@code loader}. */
    public static StrategyRegistry load(ClassLoader loader) {
        StrategyRegistry registry = new StrategyRegistry();
        ServiceLoader<StrategyProvider> found = ServiceLoader.load(StrategyProvider.class, loader);
        for (var it = found.iterator(); ; ) {
            StrategyProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                log.warn("Skipping a strategy provider that failed to load", e);
                continue;
            }
            if (p.isAvailable()) {
                registry.register(p);
            }
        }
        return registry;
    }

    /** Adds {@code provider}, replacing one of the same name with a lower or equal priority. */
    public synchronized StrategyRegistry register(StrategyProvider provider) {
        if (provider == null) {
            throw new IllegalArgumentException("provider must not be null");
        }
        StrategyProvider old = providers.get(provider.name());
        if (old == null || old.priority() <= provider.priority()) {
            providers.put(provider.name(), provider);
        }
        return this;
    }

    /**
     * The provider called {@code name}.
     *
     * @throws IllegalArgumentException when none is, listing the available names
     */
    public synchronized StrategyProvider provider(String name) {
        StrategyProvider p = name == null ? null : providers.get(name);
        if (p == null) {
            throw new IllegalArgumentException("strategy must be one of " + providers.keySet() + ", got '" + name + "'");
        }
        return p;
    }

    /** The known names, sorted. */
    public synchronized Set<String> names() {
        return new TreeSet<>(providers.keySet());
    }

    private static final class Holder {
        static final StrategyRegistry DEFAULT = load(StrategyRegistry.class.getClassLoader());
    }
}
