package io.sextant.internal;

import io.sextant.spi.support.Checks;

import io.sextant.spi.BackendProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds the {@link BackendProvider} of a name with {@link ServiceLoader}: the available one of highest priority. */
final class BackendLoader {
    private static final Logger LOG = LoggerFactory.getLogger(BackendLoader.class);

    private BackendLoader() {
    }

    static BackendProvider find(String name) {
        BackendProvider best = null;
        TreeSet<String> available = new TreeSet<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class,
                loader == null ? BackendLoader.class.getClassLoader() : loader).iterator();
        while (true) {
            BackendProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
                if (!p.isAvailable()) {
                    continue;
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                LOG.warn("skipping a backend provider that failed to load: {}", e.toString());
                continue;
            }
            available.add(p.name());
            if (p.name().equals(name) && (best == null || p.priority() > best.priority())) {
                best = p;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("sextant.backend must name an available backend, got '"
                    + Checks.abbreviate(name) + "'; available: " + available);
        }
        return best;
    }
}
