package io.sextant.zookeeper;

import io.sextant.spi.support.SerialExecutor;

import io.sextant.spi.Backend;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import io.sextant.spi.WatchListener;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link Backend} on one Curator client (one ZooKeeper session). */
final class ZooKeeperBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperBackend.class);

    private final ZkSettings settings;
    private final CuratorFramework client;
    private final ExecutorService io;
    private final ConnectionStateRelay relay;
    private final RestorationTracker tracker;
    private final Map<String, ZkEphemeralHandle> handles = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> deletions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> creations = new ConcurrentHashMap<>();
    private final Set<ZkWatch> watches = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    ZooKeeperBackend(ZkSettings settings, CuratorFramework client, ExecutorService io, ConnectionStateRelay relay) {
        this.settings = settings;
        this.client = client;
        this.io = io;
        this.relay = relay;
        this.tracker = new RestorationTracker(() -> Set.copyOf(handles.keySet()), relay::restored,
                settings.sessionTimeout().plus(settings.requestTimeout()), io);
        relay.tracker(tracker);
    }

    ZkSettings settings() {
        return settings;
    }

    CuratorFramework client() {
        return client;
    }

    RestorationTracker tracker() {
        return tracker;
    }

    @Override
    public CompletableFuture<EphemeralHandle> putEphemeral(String key, byte[] value) {
        ZkKeys.requireKey(key);
        byte[] copy = ZkKeys.requireValue(value).clone();
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
            // A create of this key is in flight: wait for it and update its handle. A second recipe on the same
            // node would delete it when stopped, and the node could come back with the older value.
            return creating.thenCompose(x -> putEphemeral(key, copy));
        }
        ZkEphemeralHandle settled = handles.get(key); // created since the look-up above
        if (settled != null) {
            creations.remove(key, mine);
            mine.complete(null);
            return settled.update(copy).thenApply(v -> settled);
        }
        CompletableFuture<EphemeralHandle> put = call("create", key, () -> {
            ZkEphemeralHandle handle = ZkEphemeralHandle.create(this, key, copy);
            ZkEphemeralHandle raced = handles.putIfAbsent(key, handle);
            if (raced != null) {
                handle.abandon();
                raced.update(copy);
                return raced;
            }
            if (closed.get()) {
                handle.abandon();
                throw new IllegalStateException("backend closed while creating " + key);
            }
            return handle;
        }, settings.requestTimeout().toMillis() * 2);
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
        return call("delete", key, () -> {
            try {
                client.delete().forPath(key);
                return true;
            } catch (KeeperException.NoNodeException e) {
                return false;
            }
        });
    }

    @Override
    public CompletableFuture<Optional<byte[]>> get(String key) {
        ZkKeys.requireKey(key);
        return call("get", key, () -> ZkReads.get(client, key));
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> list(String prefix) {
        ZkKeys.requirePrefix(prefix);
        return call("list", prefix, () -> ZkReads.list(client, prefix));
    }

    @Override
    public AutoCloseable watch(String prefix, WatchListener listener) {
        ZkKeys.requirePrefix(prefix);
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        requireOpen();
        ZkWatch watch = new ZkWatch(client, prefix, listener, new SerialExecutor(io));
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

    <T> CompletableFuture<T> call(String operation, String key, Callable<T> work) {
        return call(operation, key, work, settings.requestTimeout().toMillis());
    }

    private <T> CompletableFuture<T> call(String operation, String key, Callable<T> work, long timeoutMs) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed.get()) {
            result.completeExceptionally(new IllegalStateException("ZooKeeper backend is closed"));
            return result;
        }
        try {
            io.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Exception | Error e) {
                    result.completeExceptionally(ZkErrors.translate(settings.connect(), operation, key, e));
                }
            });
        } catch (RuntimeException rejected) {
            result.completeExceptionally(new IllegalStateException("ZooKeeper backend is closed", rejected));
        }
        return result.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).exceptionallyCompose(e -> CompletableFuture
                .failedFuture(ZkErrors.translate(settings.connect(), operation, key, e)));
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
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ZkEphemeralHandle h : handles.values()) {
            stops.add(CompletableFuture.runAsync(h::abandon, io));
        }
        handles.clear();
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Not every ephemeral node was deleted before the session close", e);
        }
        // Closing the session makes the server delete every ephemeral node of this client at once.
        client.close();
        io.shutdown();
        LOG.info("ZooKeeper backend {} closed", settings.connect());
    }
}
