package io.sextant;

import io.sextant.spi.support.Checks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable snapshot of one service's instances, sorted by instance id.
 *
 * <p>A {@link ServiceCache} publishes a new set for every change and swaps it in atomically, so a
 * reader holding a set sees one consistent view for as long as it keeps it. Reads ({@link #size()},
 * {@link #get(int)}, {@link #byId(String)}) take no lock and allocate nothing.
 *
 * <p>{@link #revision()} grows with every published change. {@link #isStale()} is {@code true} while
 * the backend connection is suspended or lost (or the set was loaded from a snapshot file and has
 * not yet been confirmed by the backend); {@link #staleSince()} says since when.
 */
public final class InstanceSet {
    private static final ServiceInstance[] NONE = new ServiceInstance[0];
    private static final Comparator<ServiceInstance> BY_ID = Comparator.comparing(ServiceInstance::id);

    private final String service;
    private final ServiceInstance[] instances;
    private final long revision;
    private final Instant staleSince;
    private final List<ServiceInstance> view;

    private InstanceSet(String service, ServiceInstance[] sorted, long revision, Instant staleSince) {
        this.service = service;
        this.instances = sorted;
        this.revision = revision;
        this.staleSince = staleSince;
        this.view = new View(sorted);
    }

    /** An empty, fresh set of {@code service} at revision 0. */
    public static InstanceSet empty(String service) {
        return new InstanceSet(Checks.serviceName("service", service), NONE, 0, null);
    }

    /**
     * A fresh set holding {@code instances}.
     *
     * @throws IllegalArgumentException if an instance belongs to another service or two share an id
     */
    public static InstanceSet of(String service, Collection<ServiceInstance> instances, long revision) {
        Checks.serviceName("service", service);
        ServiceInstance[] sorted = instances.toArray(NONE);
        Arrays.sort(sorted, BY_ID);
        for (int i = 0; i < sorted.length; i++) {
            if (!sorted[i].service().equals(service)) {
                throw new IllegalArgumentException("instances must all belong to service '" + service
                        + "', got one of '" + sorted[i].service() + "'");
            }
            if (i > 0 && sorted[i - 1].id().equals(sorted[i].id())) {
                throw new IllegalArgumentException("instance ids must be unique, got '" + sorted[i].id() + "' twice");
            }
        }
        return new InstanceSet(service, sorted, revision, null);
    }

    /** This set's instances marked stale since {@code since}; an already stale set keeps its earlier time. */
    public InstanceSet asStale(Instant since) {
        if (staleSince != null) {
            return this;
        }
        return new InstanceSet(service, instances, revision, Checks.notNull("since", since));
    }

    /** This set's instances, not stale. */
    public InstanceSet asFresh() {
        return staleSince == null ? this : new InstanceSet(service, instances, revision, null);
    }

    /** The same instances (and staleness) at another revision. */
    public InstanceSet withRevision(long newRevision) {
        return new InstanceSet(service, instances, newRevision, staleSince);
    }

    public String service() {
        return service;
    }

    public int size() {
        return instances.length;
    }

    public boolean isEmpty() {
        return instances.length == 0;
    }

    /** The instance at {@code index} in id order. */
    public ServiceInstance get(int index) {
        return instances[index];
    }

    /** The instance with {@code id}, or {@code null} when absent. Binary search, no allocation. */
    public ServiceInstance byId(String id) {
        int lo = 0;
        int hi = instances.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = instances[mid].id().compareTo(id);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return instances[mid];
            }
        }
        return null;
    }

    /** An unmodifiable list view in id order; no copy is made. */
    public List<ServiceInstance> instances() {
        return view;
    }

    /** Grows with every published change of the cache; 0 for an initial empty set. */
    public long revision() {
        return revision;
    }

    /** Whether this view may be out of date (backend unreachable, or loaded from a snapshot file). */
    public boolean isStale() {
        return staleSince != null;
    }

    /** Since when the view has been stale, or {@code null} when it is fresh. */
    public Instant staleSince() {
        return staleSince;
    }

    /** How long the view has been stale by {@code clock}; {@link Duration#ZERO} when fresh. */
    public Duration staleness(Clock clock) {
        return staleSince == null ? Duration.ZERO : Duration.between(staleSince, clock.instant());
    }

    /** Whether both sets hold equal instances, whatever their revision and staleness. */
    public boolean sameInstances(InstanceSet other) {
        return Arrays.equals(instances, other.instances);
    }

    @Override
    public String toString() {
        return "InstanceSet{" + service + " rev=" + revision + " size=" + instances.length
                + (staleSince == null ? "" : " stale since " + staleSince) + "}";
    }

    private static final class View extends AbstractList<ServiceInstance> implements RandomAccess {
        private final ServiceInstance[] a;

        View(ServiceInstance[] a) {
            this.a = a;
        }

        @Override
        public ServiceInstance get(int index) {
            return a[index];
        }

        @Override
        public int size() {
            return a.length;
        }
    }
}
