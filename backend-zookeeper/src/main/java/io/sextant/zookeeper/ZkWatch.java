package io.sextant.zookeeper;

import io.sextant.spi.WatchListener;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A watch of one prefix: a {@link CuratorCache} on the prefix's node, reporting only records
 * (ephemeral nodes strictly below the prefix). The first snapshot is the cache's view at its
 * initialized event. After every RECONNECTED a new cache (a new generation) is built; its initial view
 * is delivered as a {@code resync} snapshot and later events of older generations are dropped, so the
 * listener ends exactly on what the server holds even if events were missed while disconnected.
 *
 * <p>A node deleted and re-created in one transaction (a registrant's new session taking over its old
 * session's node) is never reported missing: the watcher sees only the new value. To tell, a second
 * persistent recursive watcher records the transaction id (zxid) of each deletion, and a deletion is
 * delivered once an exists read issued after it answers: when that read finds a node created by the very
 * transaction that deleted the old one, the deletion is dropped. ZooKeeper answers the read after every
 * event sent before it, so the zxid is always known by then. Any other deletion (including one undone a
 * moment later by a separate create) is delivered, one read later; every later event waits behind it,
 * so the order holds.
 *
 * <p>Listener calls run on a per-watch serial executor, never on a Curator or ZooKeeper thread.
 */
final class ZkWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZkWatch.class);

    private final CuratorFramework client;
    private final ZkOps ops;
    private final String prefix;
    private final String root;
    private final String chroot; // "/<namespace>", or "" without one
    private final WatchListener listener;
    private final Executor delivery;
    private final Object deliveryLock = new Object();
    private final ConnectionStateListener reconnects = this::stateChanged;

    private volatile boolean closed;
    private boolean snapshotDelivered; // only touched by delivery tasks, which run one at a time
    private volatile int generation;
    private CuratorCache cache;
    private final Object orderLock = new Object();
    private final Map<String, Long> deletedAt = new ConcurrentHashMap<>(); // key -> zxid of its last deletion
    private final Watcher deletions = this::recordDeletion;
    private CompletableFuture<Void> order = CompletableFuture.completedFuture(null); // guarded by orderLock

    ZkWatch(CuratorFramework client, ZkOps ops, String prefix, WatchListener listener, Executor serialDelivery) {
        this.client = client;
        this.ops = ops;
        this.prefix = prefix;
        this.root = prefix.length() == 1 ? "/" : prefix.substring(0, prefix.length() - 1);
        this.chroot = client.getNamespace() == null || client.getNamespace().isEmpty() ? ""
                : ZKPaths.makePath(client.getNamespace(), null);
        this.listener = listener;
        this.delivery = serialDelivery;
    }

    void start() {
        client.getConnectionStateListenable().addListener(reconnects);
        rebuild();
    }

    // On the ZooKeeper handle itself: Curator's namespace wrapper drops the event's zxid.
    private void recordDeletion(WatchedEvent event) {
        String path = event.getPath();
        if (event.getType() == Watcher.Event.EventType.NodeDeleted && path != null
                && event.getZxid() != WatchedEvent.NO_ZXID && path.startsWith(chroot)) {
            String key = path.substring(chroot.length());
            deletedAt.put(key.isEmpty() ? "/" : key, event.getZxid());
        }
    }

    private void stateChanged(CuratorFramework c, ConnectionState state) {
        if (state == ConnectionState.RECONNECTED) {
            LOG.debug("Watch {}: reconnected, rebuilding for a resync snapshot", prefix);
            rebuild();
        }
    }

    private synchronized void rebuild() {
        if (closed) {
            return;
        }
        if (cache != null) {
            cache.close();
        }
        int gen = ++generation;
        deletedAt.clear();
        try {
            // Same path and connection as the cache's watch: the server sends each event once for both.
            client.getZookeeperClient().getZooKeeper().addWatch(ZKPaths.makePath(client.getNamespace(), root),
                    deletions, AddWatchMode.PERSISTENT_RECURSIVE, (rc, path, ctx) -> { }, null);
        } catch (Exception e) {
            LOG.debug("Watch {}: no deletion watcher ({}); every deletion is reported", prefix, e.toString());
        }
        CuratorCache next = CuratorCache.builder(client, root).withExceptionHandler(this::cacheError).build();
        next.listenable().addListener(new GenerationListener(gen, next));
        cache = next;
        next.start();
    }

    private void cacheError(Exception e) {
        if (e instanceof KeeperException.ConnectionLossException || e instanceof KeeperException.SessionExpiredException) {
            LOG.debug("Watch {}: {} (the cache is rebuilt on reconnect)", prefix, e.toString());
        } else {
            LOG.warn("Watch {}: cache error", prefix, e);
        }
    }

    private boolean isRecord(ChildData d) {
        return d != null && d.getStat() != null && d.getStat().getEphemeralOwner() != 0
                && d.getPath().startsWith(prefix) && d.getPath().length() > prefix.length();
    }

    private void deliver(int gen, Runnable call) {
        synchronized (orderLock) {
            order = order.thenRunAsync(() -> run(gen, call), delivery);
        }
    }

    /** Delivers the deletion of {@code key} unless a read after it finds the node back (see the class doc). */
    private void deliverDelete(int gen, String key) {
        synchronized (orderLock) {
            order = order.thenCompose(x -> closed || gen != generation ? CompletableFuture.completedFuture(false)
                            : ops.exists(key).handle((e, t) -> {
                                Long deletedBy = deletedAt.remove(key);
                                return t == null && e.getStat() != null && deletedBy != null
                                        && e.getStat().getCzxid() == deletedBy;
                            }))
                    .thenAcceptAsync(present -> run(gen, () -> {
                        if (present) {
                            LOG.debug("Watch {}: {} was replaced in one transaction, not removed", prefix, key);
                        } else {
                            listener.onDelete(key);
                        }
                    }), delivery);
        }
    }

    private void run(int gen, Runnable call) {
        synchronized (deliveryLock) {
            if (!closed && gen == generation) {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    LOG.warn("Watch {}: the listener threw", prefix, e);
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (cache != null) {
                cache.close();
            }
        }
        client.getConnectionStateListenable().removeListener(reconnects);
        try {
            // Locally only: the server-side watch of this path may serve another cache of this client.
            client.getZookeeperClient().getZooKeeper().removeWatches(ZKPaths.makePath(client.getNamespace(), root),
                    deletions, Watcher.WatcherType.Any, true, (rc, path, ctx) -> { }, null);
        } catch (Exception e) {
            LOG.debug("Watch {}: removing the deletion watcher: {}", prefix, e.toString());
        }
        synchronized (deliveryLock) {
            // waits for a listener call in progress on another thread; none starts after this
            LOG.debug("Watch {} closed", prefix);
        }
    }

    /** Events of one cache generation; Curator calls it on its single run-safe thread, in order. */
    private final class GenerationListener implements CuratorCacheListener {
        private final int gen;
        private final CuratorCache source;
        private volatile boolean initialized;

        GenerationListener(int gen, CuratorCache source) {
            this.gen = gen;
            this.source = source;
        }

        @Override
        public void event(Type type, ChildData oldData, ChildData data) {
            if (!initialized) {
                return; // part of the initial view, delivered by initialized()
            }
            switch (type) {
                case NODE_CREATED, NODE_CHANGED -> {
                    if (isRecord(data)) {
                        String key = data.getPath();
                        byte[] value = copy(data.getData());
                        deliver(gen, () -> listener.onPut(key, value));
                    }
                }
                case NODE_DELETED -> {
                    if (isRecord(oldData)) {
                        deliverDelete(gen, oldData.getPath());
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void initialized() {
            Map<String, byte[]> view = new HashMap<>();
            source.stream().filter(ZkWatch.this::isRecord).forEach(d -> view.put(d.getPath(), copy(d.getData())));
            initialized = true;
            deliver(gen, () -> {
                // A resync is any snapshot after the first delivered one (a first cache may never finish).
                boolean resync = snapshotDelivered;
                snapshotDelivered = true;
                LOG.debug("Watch {}: {} snapshot of {} record(s)", prefix, resync ? "resync" : "initial", view.size());
                listener.onSnapshot(view, resync);
            });
        }

        private static byte[] copy(byte[] data) {
            return data == null ? new byte[0] : data.clone();
        }
    }
}
