package io.sextant.benchmarks;

import io.sextant.InstanceSet;
import io.sextant.InstanceSetChange;
import io.sextant.ServiceCache;
import io.sextant.ServiceCacheListener;
import io.sextant.ServiceInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A cache that serves sets the benchmark hands it; no backend. */
final class StaticServiceCache implements ServiceCache {
    static final String SERVICE = "bench";

    private final List<ServiceCacheListener> listeners = new CopyOnWriteArrayList<>();
    private volatile InstanceSet current = InstanceSet.empty(SERVICE);

    /** {@code n} UP instances in three zones with weights 20..200, ids b-0000.. (skipping {@code skip}, or -1). */
    static InstanceSet instances(int n, int skip, long revision) {
        return instances(n, skip, revision, true);
    }

    /** As {@link #instances(int, int, long)}; with {@code varied} false every weight is 100. */
    static InstanceSet instances(int n, int skip, long revision, boolean varied) {
        List<ServiceInstance> list = new ArrayList<>(n);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            if (i == skip) {
                continue;
            }
            list.add(ServiceInstance.builder(SERVICE).id(String.format("b-%04d", i)).host("10.0." + (i >> 8) + "." + (i & 255))
                    .port(8080).zone("zone-" + (i % 3)).weight(varied ? 20 * (i % 10 + 1) : 100).registeredAt(at).build());
        }
        return InstanceSet.of(SERVICE, list, revision);
    }

    void publish(InstanceSet next) {
        InstanceSet previous = current;
        current = next;
        InstanceSetChange change = new InstanceSetChange(previous, next, List.of(), List.of(), List.of());
        for (ServiceCacheListener l : listeners) {
            l.onChange(change);
        }
    }

    @Override
    public String service() {
        return SERVICE;
    }

    @Override
    public InstanceSet snapshot() {
        return current;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public boolean awaitReady(Duration timeout) {
        return true;
    }

    @Override
    public void addListener(ServiceCacheListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ServiceCacheListener listener) {
        listeners.remove(listener);
    }

    @Override
    public long corruptRecordCount() {
        return 0;
    }

    @Override
    public void close() {
    }
}
