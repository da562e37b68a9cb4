package io.sextant.balancer.internal;

import io.sextant.InstanceSet;
import io.sextant.InstanceSetChange;
import io.sextant.InstanceUpdate;
import io.sextant.ServiceCache;
import io.sextant.ServiceCacheListener;
import io.sextant.ServiceInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test-only cache that publishes the sets it is given, like the real one: swap, then notify. */
final class TestServiceCache implements ServiceCache {
    private final String service;
    private final List<ServiceCacheListener> listeners = new CopyOnWriteArrayList<>();
    private volatile InstanceSet current;
    private long revision;

    TestServiceCache(String service) {
        this.service = service;
        this.current = InstanceSet.empty(service);
    }

    /** Publishes {@code instances} as the next revision and notifies listeners. */
    synchronized InstanceSet publish(List<ServiceInstance> instances) {
        return publish(InstanceSet.of(service, instances, ++revision), true);
    }

    /** Publishes {@code instances} as the next revision, marked stale since {@code since}, and notifies listeners. */
    synchronized InstanceSet publishStale(List<ServiceInstance> instances, java.time.Instant since) {
        return publish(InstanceSet.of(service, instances, ++revision).asStale(since), true);
    }

    /** Swaps in {@code instances} without notifying anyone (a listener that has not run yet). */
    synchronized InstanceSet publishSilently(List<ServiceInstance> instances) {
        return publish(InstanceSet.of(service, instances, ++revision), false);
    }

    private InstanceSet publish(InstanceSet next, boolean notify) {
        InstanceSet previous = current;
        current = next;
        if (notify) {
            List<ServiceInstance> added = new ArrayList<>();
            List<ServiceInstance> removed = new ArrayList<>();
            List<InstanceUpdate> updated = new ArrayList<>();
            for (ServiceInstance s : next.instances()) {
                if (previous.byId(s.id()) == null) {
                    added.add(s);
                }
            }
            for (ServiceInstance s : previous.instances()) {
                if (next.byId(s.id()) == null) {
                    removed.add(s);
                }
            }
            InstanceSetChange change = new InstanceSetChange(previous, next, added, removed, updated);
            for (ServiceCacheListener l : listeners) {
                l.onChange(change);
            }
        }
        return next;
    }

    int listenerCount() {
        return listeners.size();
    }

    @Override
    public String service() {
        return service;
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
