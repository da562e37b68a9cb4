package io.sextant.etcd;

import io.sextant.spi.support.InFlightLimit;

import io.sextant.spi.support.SerialExecutor;

import io.etcd.jetcd.Client;
import io.sextant.spi.support.Checks;
import io.sextant.spi.Backend;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import io.sextant.spi.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link Backend} on one jetcd client and one lease. */
final class EtcdBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdBackend.class);

    private final Client client;
    private final EtcdSettings settings;
    private final Seams seams;
    private final BackendThreads threads;
    private final ExecutorService dispatch;
    private final ScheduledExecutorService timer;
    private final KvOps kv;
    private final ConnectionStates states;
    private final LeaseKeeper keeper;
    private final Ephemerals ephemerals;
    private final Set<PrefixWatch> watches = new CopyOnWriteArraySet<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    EtcdBackend(Client client, EtcdSettings settings, Seams seams, BackendThreads threads) {
        this.client = client;
        this.settings = settings;
        this.seams = seams;
        this.threads = threads;
        this.dispatch = threads.dispatch();
        this.timer = threads.timer();
        this.kv = new KvOps(client.getKVClient(), new KeyMapper(settings.namespace()), settings.requestTimeout(),
                dispatch, settings.endpointList(), new InFlightLimit(settings.maxInFlight(), dispatch));
        this.states = new ConnectionStates(settings.endpointList(), new SerialExecutor(dispatch));
        // The keeper and the ephemerals refer to each other through these lambdas only.
        LeaseKeeper[] keeperRef = new LeaseKeeper[1];
        this.ephemerals = new Ephemerals(kv, () -> keeperRef[0].leaseId(), id -> keeperRef[0].putRefused(id),
                id -> keeperRef[0].leaseAfter(id), timer, seams);
        this.keeper = new LeaseKeeper(client.getLeaseClient(), settings, timer, states, seams, ephemerals::restoreAll,
                ephemerals::repairFailedWrites);
        keeperRef[0] = keeper;
    }

    /**
     * Reads the namespace (etcd grants leases without checking credentials, a read checks them), then
     * grants the lease. The caller bounds the wait by the connect time-out.
     */
    CompletableFuture<Long> start() {
        return kv.probe().thenCompose(count -> keeper.start());
    }

    @Override
    public CompletableFuture<EphemeralHandle> putEphemeral(String key, byte[] value) {
        Checks.notNull("value", value);
        checkOpen();
        return ephemerals.open(key, value).thenApply(h -> h);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        checkOpen();
        return kv.delete(key);
    }

    @Override
    public CompletableFuture<Optional<byte[]>> get(String key) {
        checkOpen();
        return kv.get(key);
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> list(String prefix) {
        checkOpen();
        return kv.list(prefix);
    }

    @Override
    public AutoCloseable watch(String prefix, WatchListener listener) {
        Checks.notNull("listener", listener);
        checkOpen();
        PrefixWatch w = new PrefixWatch(prefix, kv, client.getWatchClient(), new SerialExecutor(dispatch), timer,
                seams, listener);
        w.start();
        watches.add(w);
        return () -> {
            watches.remove(w);
            w.close();
        };
    }

    @Override
    public void addListener(BackendListener listener) {
        states.add(Checks.notNull("listener", listener));
    }

    @Override
    public ConnectionState connectionState() {
        return states.current();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = seams.nanoTime().getAsLong() + settings.requestTimeout().toNanos();
        watches.forEach(PrefixWatch::close);
        watches.clear();
        ephemerals.close(); // no background retries: the revoke below removes whatever is left
        try {
            ephemerals.deleteAll().get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            LOG.warn("closing: could not delete every ephemeral key at etcd {}: {}", settings.endpointList(),
                    Failures.describe(e));
        }
        try {
            long lease = keeper.stop().get(remaining(deadline), TimeUnit.NANOSECONDS);
            client.getLeaseClient().revoke(lease).get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            LOG.warn("closing: could not revoke the lease at etcd {} (it expires within its TTL): {}",
                    settings.endpointList(), Failures.describe(e));
        }
        shutdown();
    }

    /** Releases the client and threads without touching the cluster (failed open, or after close). */
    void shutdown() {
        closed.set(true);
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the jetcd client: {}", e.toString());
        }
        threads.shutdown();
    }

    private long remaining(long deadline) {
        return Math.max(1, deadline - seams.nanoTime().getAsLong());
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("etcd backend " + settings.endpointList() + " is closed");
        }
    }
}
