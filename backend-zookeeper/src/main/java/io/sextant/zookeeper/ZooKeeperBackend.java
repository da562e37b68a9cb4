package io.sextant.zookeeper;

import io.sextant.spi.support.InFlightLimit;

import io.sextant.spi.Backend;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import io.sextant.spi.WatchListener;
import io.sextant.spi.support.SerialExecutor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Backend} on one Curator client (one ZooKeeper session at a time). Every request runs on
 * Curator's background API under the backend's {@link InFlightLimit}; no thread waits for ZooKeeper.
 */
final class ZooKeeperBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperBackend.class);

    private final ZkSettings settings;
    private final CuratorFramework client;
    private final ExecutorService io;
    private final ZkOps ops;
    private final ZkSessions sessions;
    private final ConnectionStateRelay relay;
    private final RestorationTracker tracker;
    private final Map<String, ZkEphemeralHandle> handles = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> deletions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> creations = new ConcurrentHashMap<>();
    private final Set<ZkWatch> watches = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    ZooKeeperBackend(ZkSettings settings, CuratorFramework client, ExecutorService io, InFlightLimit limit,
                     ConnectionStateRelay relay) {
        this.settings = settings;
        this.client = client;
        this.io = io;
        // A request's own bound: Curator retries it for the request time-out, each attempt first waiting up
        // to its connection time-out for a connection; a second more and we stop waiting for its answer.
        long requestBound = settings.requestTimeout().toMillis() + ZkClientFactory.connectionTimeoutMs(settings) + 1000;
        this.ops = new ZkOps(client, limit, io, requestBound);
        this.sessions = new ZkSessions(client);
        this.relay = relay;
        this.tracker = new RestorationTracker(() -> Set.copyOf(handles.keySet()), relay::restored,
                settings.sessionTimeout().plus(settings.requestTimeout()), io);
        relay.tracker(tracker);
        client.getConnectionStateListenable().addListener((c, state) -> {
            if (state.isConnected()) {
                sessions.connected();
            }
            if (state == org.apache.curator.framework.state.ConnectionState.RECONNECTED) {
                rewriteAfterReconnect();
            }
        });
    }

    CuratorFramework client() {
        return client;
    }

    ZkOps ops() {
        return ops;
    }

    RestorationTracker tracker() {
        return tracker;
    }

    /** The current session's id (0 while a new session is being established). */
    long sessionId() {
        return sessions.current();
    }

    /** Whether {@code owner} is a session this backend has held. */
    boolean wasOurSession(long owner) {
        return sessions.wasOurs(owner);
    }

    /**
     * After a reconnect: every node not known to be ours with its latest value is written again: a new
     * session takes over (or re-creates) its predecessor's nodes, and writes that failed while
     * disconnected are repeated.
     */
    private void rewriteAfterReconnect() {
        long session = sessions.current();
        for (ZkEphemeralHandle h : handles.values()) {
            if (h.needsWrite(session)) {
                h.write().whenComplete((v, t) -> {
                    if (t != null) {
                        LOG.warn("re-writing {} after the reconnect failed: {}; the supervisor retries", h.key(),
                                t.toString());
                    }
                });
            }
        }
    }

    @Override
    public CompletableFuture<EphemeralHandle> putEphemeral(String key, byte[] value) {
        ZkKeys.requireKey(key);
        byte[] copy = ZkKeys.requireValue(value).clone();
        if (closed.get()) {
            return closedFuture();
        }
        CompletableFuture<Void> deleting = deletions.get(key);
        if (deleting != null && !deleting.isDone()) {
            // A delete of this key is in flight: create anew after it, or the delete would remove the new node.
            return deleting.handle((v, e) -> null).thenCompose(x -> putEphemeral(key, copy));
        }
        ZkEphemeralHandle existing = handles.get(key);
        if (existing != null) {
            return existing.update(copy).thenApply(v -> existing);
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> creating = creations.putIfAbsent(key, mine);
        if (creating != null) {
            // A create of this key is in flight: wait for it and update its handle.
            return creating.thenCompose(x -> putEphemeral(key, copy));
        }
        ZkEphemeralHandle settled = handles.get(key); // created since the look-up above
        if (settled != null) {
            creations.remove(key, mine);
            mine.complete(null);
            return settled.update(copy).thenApply(v -> settled);
        }
        ZkEphemeralHandle handle = new ZkEphemeralHandle(this, key, copy);
        handles.put(key, handle);
        CompletableFuture<EphemeralHandle> put = translated("create", key, handle.write()).handle((v, e) -> {
            if (e == null && !closed.get()) {
                return CompletableFuture.<EphemeralHandle>completedFuture(handle);
            }
            // Not registered: no stray node may outlive the failed call.
            handle.delete();
            return CompletableFuture.<EphemeralHandle>failedFuture(e != null ? ZkErrors.unwrap(e)
                    : new IllegalStateException("backend closed while creating " + key));
        }).thenCompose(f -> f);
        put.whenComplete((h, e) -> {
            creations.remove(key, mine);
            mine.complete(null);
        });
        return put;
    }

    /** {@code handle} is being deleted; {@code deletion} completes when ZooKeeper has deleted it. */
    void forget(ZkEphemeralHandle handle, CompletableFuture<Void> deletion) {
        deletions.put(handle.key(), deletion);
        handles.remove(handle.key(), handle);
        tracker.forgotten(handle.key());
        deletion.whenComplete((v, e) -> deletions.remove(handle.key(), deletion));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        ZkKeys.requireKey(key);
        if (closed.get()) {
            return closedFuture();
        }
        return translated("delete", key, ops.delete(key, -1).thenApply(e -> {
            if (ZkOps.code(e) == KeeperException.Code.NONODE) {
                return false;
            }
            ZkOps.check(e);
            return true;
        }));
    }

    @Override
    public CompletableFuture<Optional<byte[]>> get(String key) {
        ZkKeys.requireKey(key);
        if (closed.get()) {
            return closedFuture();
        }
        return translated("get", key, ZkReads.get(ops, key));
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> list(String prefix) {
        ZkKeys.requirePrefix(prefix);
        if (closed.get()) {
            return closedFuture();
        }
        return translated("list", prefix, ZkReads.list(ops, prefix));
    }

    @Override
    public AutoCloseable watch(String prefix, WatchListener listener) {
        ZkKeys.requirePrefix(prefix);
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        requireOpen();
        ZkWatch watch = new ZkWatch(client, ops, prefix, listener, new SerialExecutor(io));
        watches.add(watch);
        watch.start();
        return () -> {
            watches.remove(watch);
            watch.close();
        };
    }

    @Override
    public void addListener(BackendListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        relay.add(listener);
    }

    @Override
    public ConnectionState connectionState() {
        return relay.current();
    }

    /** Sextant's exceptions, naming the ensemble and the key; completes on the backend's own threads. */
    <T> CompletableFuture<T> translated(String operation, String key, CompletableFuture<T> f) {
        return f.exceptionallyCompose(e -> CompletableFuture.failedFuture(
                ZkErrors.translate(settings.connect(), operation, key, e)));
    }

    private static <T> CompletableFuture<T> closedFuture() {
        return CompletableFuture.failedFuture(new IllegalStateException("ZooKeeper backend is closed"));
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("ZooKeeper backend is closed");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watches.forEach(ZkWatch::close);
        watches.clear();
        handles.values().forEach(ZkEphemeralHandle::abandon);
        handles.clear();
        List<CompletableFuture<Void>> pending = new ArrayList<>(deletions.values());
        try {
            // Deregistrations already sent finish first; the session close deletes every other node at once.
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                    .get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Not every deletion finished before the session close", e);
        }
        client.close();
        io.shutdown();
        LOG.info("ZooKeeper backend {} closed", settings.connect());
    }
}
