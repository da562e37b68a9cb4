package io.sextant.grpc;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.StatusOr;
import io.grpc.SynchronizationContext;
import io.sextant.InstanceSet;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceCacheListener;
import io.sextant.balancer.NoInstanceAvailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Resolves {@code sextant:///<service>} from the registry's watched cache of the service. Updates are
 * pushed: the cache's listener hands every published set to the channel's synchronization context,
 * where it becomes a resolution result. Nothing polls.
 *
 * <p>Opening the registry and waiting for the cache's first read may block, so both run once on the
 * channel's offload executor. The resolver holds its own cache handle and closes it on shutdown. A stale set (backend unreachable) keeps being served; a set with no
 * instance that can take calls is reported as {@code UNAVAILABLE} with a
 * {@link NoInstanceAvailableException} as the cause, naming the service.
 */
final class SextantNameResolver extends NameResolver {
    private static final Logger log = LoggerFactory.getLogger(SextantNameResolver.class);

    private final String service;
    private final RegistrySource source;
    private final Duration readyTimeout;
    private final SynchronizationContext sync;
    private final Executor offload;

    // Touched only in the synchronization context, except cache (written once before publish runs).
    private Listener2 listener;
    private volatile ServiceCache cache;
    private List<EquivalentAddressGroup> published;
    private boolean stale;
    private boolean shutdown;
    private boolean attaching;

    SextantNameResolver(String service, RegistrySource source, Duration readyTimeout, Args args) {
        this.service = service;
        this.source = source;
        this.readyTimeout = readyTimeout;
        this.sync = args.getSynchronizationContext();
        Executor e = args.getOffloadExecutor();
        this.offload = e != null ? e : command -> {
            Thread t = new Thread(command, "sextant-resolver-" + service);
            t.setDaemon(true);
            t.start();
        };
    }

    @Override
    public String getServiceAuthority() {
        return service;
    }

    @Override
    public void start(Listener2 listener) {
        if (this.listener != null) {
            throw new IllegalStateException("resolver for '" + service + "' already started");
        }
        this.listener = listener;
        attaching = true;
        offload.execute(this::attach);
    }

    /** On the offload executor: open the registry and the cache, wait for the first read once. */
    private void attach() {
        ServiceCache c;
        try {
            Registry registry = source.registry();
            c = registry.cache(service);
        } catch (RuntimeException e) {
            log.warn("sextant:///{}: cannot open the Sextant registry ({})", service, source, e);
            sync.execute(() -> {
                attaching = false; // the channel's next refresh() tries again
                fail(Status.UNAVAILABLE.withCause(e).withDescription(
                        "sextant:///" + service + ": cannot open the Sextant registry: " + e.getMessage()));
            });
            return;
        }
        ServiceCacheListener l = change -> sync.execute(() -> publish(false));
        sync.execute(() -> {
            if (shutdown) {
                c.close(); // our own handle: no one else reads it
                return;
            }
            cache = c;
            c.addListener(l);
        });
        boolean ready;
        try {
            ready = c.awaitReady(readyTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready = false;
        }
        if (!ready) {
            log.warn("sextant:///{}: the registry has not delivered the service within {}", service, readyTimeout);
        }
        sync.execute(() -> publish(true));
    }

    /** Re-reports the current set (the channel calls this after a failed resolution, with back-off). */
    @Override
    public void refresh() {
        sync.execute(() -> {
            if (cache == null && !attaching && !shutdown) {
                attaching = true;
                offload.execute(this::attach);
            } else {
                publish(true);
            }
        });
    }

    /** In the synchronization context: report the cache's current set, unless unchanged and not forced. */
    private void publish(boolean force) {
        ServiceCache c = cache;
        if (shutdown || c == null) {
            return;
        }
        // A listener runs before the cache counts itself ready, but any published set is a real read.
        if (c.isClosed()) {
            fail(Status.UNAVAILABLE.withDescription("sextant:///" + service + ": the Sextant registry was closed"));
            return;
        }
        InstanceSet set = c.snapshot();
        if (!c.isReady() && set.revision() == 0) {
            fail(Status.UNAVAILABLE.withDescription("sextant:///" + service
                    + ": the Sextant registry has not delivered service '" + service + "' yet"));
            return;
        }
        if (set.isStale() != stale) {
            stale = set.isStale();
            if (stale) {
                log.info("sextant:///{}: registry unreachable, serving the last known {} instances", service, set.size());
            } else {
                log.info("sextant:///{}: registry reachable again", service);
            }
        }
        List<EquivalentAddressGroup> groups = InstanceAddresses.groups(set);
        if (groups.isEmpty()) {
            NoInstanceAvailableException none = new NoInstanceAvailableException(service, set.size());
            fail(Status.UNAVAILABLE.withCause(none).withDescription(none.getMessage()));
            return;
        }
        if (!force && groups.equals(published)) {
            return;
        }
        published = groups;
        log.debug("sextant:///{}: resolved {} of {} instances (revision {})", service, groups.size(), set.size(),
                set.revision());
        listener.onResult2(ResolutionResult.newBuilder()
                .setAddressesOrError(StatusOr.fromValue(groups))
                .setAttributes(Attributes.newBuilder().set(SextantAttributes.SERVICE, service).build())
                .build());
    }

    private void fail(Status status) {
        if (shutdown) {
            return;
        }
        published = null;
        listener.onResult2(ResolutionResult.newBuilder()
                .setAddressesOrError(StatusOr.fromStatus(status))
                .setAttributes(Attributes.newBuilder().set(SextantAttributes.SERVICE, service).build())
                .build());
    }

    @Override
    public void shutdown() {
        if (shutdown) {
            return;
        }
        shutdown = true;
        // In the synchronization context (the channel calls shutdown there), so attach's hand-over
        // either ran before and is undone here, or runs after and sees shutdown. The handle is this
        // resolver's own (one per Registry.cache call): closing it removes our listener, and stops
        // the watch when no one else follows the service.
        ServiceCache c = cache;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public String toString() {
        return "SextantNameResolver{sextant:///" + service + "}";
    }
}
