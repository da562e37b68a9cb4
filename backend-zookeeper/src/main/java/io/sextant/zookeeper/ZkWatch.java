package io.sextant.zookeeper;

import io.sextant.spi.WatchListener;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A watch of one prefix: a {@link CuratorCache} on the prefix's node, reporting only records
 * (ephemeral nodes strictly below the prefix). The first snapshot is the cache's view at its
 * initialized event. After every RECONNECTED a new cache (a new generation) is built; its initial view
 * is delivered as a {@code resync} snapshot and later events of older generations are dropped, so the
 * listener ends exactly on what the server holds even if events were missed while disconnected.
 *
 * <p>Listener calls run on a per-watch serial executor, never on a Curator or ZooKeeper thread.
 */
final class ZkWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZkWatch.class);

    private final CuratorFramework client;
    private final String prefix;
    private final String root;
    private final WatchListener listener;
    private final Executor delivery;
    private final Object deliveryLock = new Object();
    private final ConnectionStateListener reconnects = this::stateChanged;

    private volatile boolean closed;
    private boolean snapshotDelivered; // only touched by delivery tasks, which run one at a time
    private volatile int generation;
    private CuratorCache cache;

    ZkWatch(CuratorFramework client, String prefix, WatchListener listener, Executor serialDelivery) {
        this.client = client;
        this.prefix = prefix;
        this.root = prefix.length() == 1 ? "/" : prefix.substring(0, prefix.length() - 1);
        this.listener = listener;
        this.delivery = serialDelivery;
    }

    void start() {
        client.getConnectionStateListenable().addListener(reconnects);
        rebuild();
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
        delivery.execute(() -> {
            synchronized (deliveryLock) {
                if (!closed && gen == generation) {
                    call.run();
                }
            }
        });
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
                        String key = oldData.getPath();
                        deliver(gen, () -> listener.onDelete(key));
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
