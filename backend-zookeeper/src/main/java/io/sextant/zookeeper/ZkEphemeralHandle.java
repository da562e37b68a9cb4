package io.sextant.zookeeper;

import io.sextant.spi.EphemeralHandle;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One registration: an ephemeral znode of this backend's session. Its writes run one after another
 * (each reads the latest value when it starts), entirely on Curator's background API. A write makes the
 * node present with the latest value and owned by the current session: it creates it, rewrites it, or,
 * when it is still held by an earlier session of this backend (the client gave up on that session, the
 * server has not yet), takes it over in one transaction, so watchers never see it missing. A one-shot
 * exists watch puts the node back when it is deleted behind our back.
 */
final class ZkEphemeralHandle implements EphemeralHandle {
    private static final Logger LOG = LoggerFactory.getLogger(ZkEphemeralHandle.class);
    private static final int ATTEMPTS = 4; // the node changed between our read and our write: read again

    private final ZooKeeperBackend backend;
    private final ZkOps ops;
    private final String key;
    private final Watcher nodeWatcher = this::nodeChanged;
    private volatile byte[] value;
    private volatile boolean deleted;
    private volatile boolean dirty;
    /** The session and version of the node as we last wrote it; ownerSession 0 when unknown. */
    private volatile long ownerSession;
    private volatile int version;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null); // guarded by this
    private CompletableFuture<Void> deletion; // guarded by this

    ZkEphemeralHandle(ZooKeeperBackend backend, String key, byte[] value) {
        this.backend = backend;
        this.ops = backend.ops();
        this.key = key;
        this.value = value;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    boolean isDeleted() {
        return deleted;
    }

    /** Whether the node may not be ours with the latest value (a write failed, or the session changed). */
    boolean needsWrite(long session) {
        return !deleted && (dirty || ownerSession != session);
    }

    /** Makes the node present with the latest value, after every earlier write of this handle. */
    CompletableFuture<Void> write() {
        return enqueue(() -> deleted ? CompletableFuture.completedFuture(null) : tracked(writeNow(ATTEMPTS)));
    }

    @Override
    public CompletableFuture<Void> update(byte[] newValue) {
        if (deleted) {
            return CompletableFuture.failedFuture(new IllegalStateException("handle of " + key + " was deleted"));
        }
        value = newValue.clone();
        return backend.translated("update", key, write());
    }

    @Override
    public CompletableFuture<Void> refresh() {
        if (deleted) {
            return CompletableFuture.failedFuture(new IllegalStateException("handle of " + key + " was deleted"));
        }
        return backend.translated("refresh", key, write());
    }

    private CompletableFuture<Void> tracked(CompletableFuture<Void> write) {
        dirty = true;
        return write.whenComplete((v, t) -> dirty = t != null);
    }

    private CompletableFuture<Void> writeNow(int attempts) {
        byte[] data = value;
        long session = backend.sessionId();
        if (ownerSession != 0 && ownerSession == session) {
            // Ours already: one versioned write.
            return ops.setData(key, data, version).thenCompose(e -> switch (ZkOps.code(e)) {
                case OK -> written(session, e.getStat(), false);
                case NONODE -> create(data, attempts);
                case BADVERSION -> reconcile(data, attempts);
                default -> failed(e);
            });
        }
        return create(data, attempts);
    }

    private CompletableFuture<Void> create(byte[] data, int attempts) {
        long session = backend.sessionId();
        return ops.createEphemeral(key, data).thenCompose(e -> switch (ZkOps.code(e)) {
            case OK -> written(session, null, true);
            case NODEEXISTS -> reconcile(data, attempts);
            default -> failed(e);
        });
    }

    /** The node exists: read who holds it and with what, then rewrite or take it over. */
    private CompletableFuture<Void> reconcile(byte[] data, int attempts) {
        if (attempts <= 1) {
            return CompletableFuture.failedFuture(new KeeperException.BadVersionException(key));
        }
        return ops.getData(key).thenCompose(e -> {
            if (ZkOps.code(e) == KeeperException.Code.NONODE) {
                return create(data, attempts - 1);
            }
            if (ZkOps.code(e) != KeeperException.Code.OK) {
                return failed(e);
            }
            Stat stat = e.getStat();
            long session = backend.sessionId();
            long owner = stat.getEphemeralOwner();
            if (owner != session && backend.wasOurSession(owner)) {
                LOG.debug("{} is still held by our earlier session 0x{}: taking it over", key, Long.toHexString(owner));
                return ops.takeOver(key, stat.getVersion(), data).thenCompose(t -> switch (ZkOps.code(t)) {
                    case OK -> written(session, null, true);
                    case NONODE, BADVERSION, NODEEXISTS -> create(data, attempts - 1);
                    default -> failed(t);
                });
            }
            if (owner == session && Arrays.equals(e.getData(), data)) {
                return written(session, stat, false);
            }
            // Ours with other data, or another client's node (it gets our value; our watch keeps the key).
            return ops.setData(key, data, stat.getVersion()).thenCompose(s -> switch (ZkOps.code(s)) {
                case OK -> written(owner, s.getStat(), owner != session);
                case NONODE -> create(data, attempts - 1);
                case BADVERSION -> reconcile(data, attempts - 1);
                default -> failed(s);
            });
        });
    }

    /** Records what we wrote; a created node gets its watch. */
    private CompletableFuture<Void> written(long owner, Stat stat, boolean watch) {
        ownerSession = owner;
        version = stat == null ? 0 : stat.getVersion();
        backend.tracker().created(key);
        if (watch && !deleted) {
            watch();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Sets the node's one-shot watch; a node already gone again (deleted before the watch) is put back. */
    private void watch() {
        ops.watchNode(key, nodeWatcher).whenComplete((e, t) -> {
            if (t != null) {
                LOG.debug("watching {} failed ({}); the supervisor repairs it if it goes", key, t.toString());
            } else if (ZkOps.code(e) == KeeperException.Code.NONODE && !deleted) {
                putBack();
            }
        });
    }

    private void putBack() {
        LOG.info("{} was deleted behind our back: putting it back", key);
        ownerSession = 0;
        write().whenComplete((v, t) -> {
            if (t != null) {
                LOG.warn("putting {} back failed: {}; the supervisor retries", key, t.toString());
            }
        });
    }

    private static CompletableFuture<Void> failed(CuratorEvent e) {
        return CompletableFuture.failedFuture(KeeperException.create(ZkOps.code(e), e.getPath()));
    }

    /** The node's one-shot watch fired (ZooKeeper's event thread: only hand work on). */
    private void nodeChanged(WatchedEvent event) {
        if (deleted || event.getType() == Watcher.Event.EventType.None) {
            return;
        }
        if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
            putBack(); // the write re-arms the watch when it creates the node
        } else {
            watch(); // data changed, or created after a watch on a missing node: keep watching
        }
    }

    @Override
    public synchronized CompletableFuture<Void> delete() {
        if (deletion == null) {
            deleted = true;
            deletion = backend.translated("delete", key, enqueue(this::deleteNow));
            backend.forget(this, deletion);
        }
        return deletion;
    }

    /**
     * One round trip: a delete of the version we last wrote. When the node moved on since (another client
     * rewrote it), it is read once and deleted only while it is still our session's.
     */
    private CompletableFuture<Void> deleteNow() {
        long session = backend.sessionId();
        if (ownerSession == 0 || ownerSession != session) {
            return deleteIfOurs(session);
        }
        return ops.delete(key, version).thenCompose(e -> switch (ZkOps.code(e)) {
            case OK, NONODE -> CompletableFuture.<Void>completedFuture(null);
            case BADVERSION -> deleteIfOurs(session);
            default -> failed(e);
        });
    }

    private CompletableFuture<Void> deleteIfOurs(long session) {
        return ops.getData(key).thenCompose(e -> {
            if (ZkOps.code(e) == KeeperException.Code.NONODE) {
                return CompletableFuture.completedFuture(null);
            }
            if (ZkOps.code(e) != KeeperException.Code.OK) {
                return failed(e);
            }
            long owner = e.getStat().getEphemeralOwner();
            if (owner != session && !backend.wasOurSession(owner) && owner != ownerSession) {
                return CompletableFuture.completedFuture(null); // another client's now: not ours to delete
            }
            return ops.delete(key, e.getStat().getVersion()).thenCompose(d -> switch (ZkOps.code(d)) {
                case OK, NONODE -> CompletableFuture.<Void>completedFuture(null);
                default -> failed(d);
            });
        });
    }

    /** Stops keeping the node without deleting it (the backend closes its session, which deletes it). */
    void abandon() {
        deleted = true;
    }

    private synchronized CompletableFuture<Void> enqueue(Supplier<CompletableFuture<Void>> op) {
        CompletableFuture<Void> next = tail.handle((r, t) -> null).thenCompose(x -> op.get());
        tail = next;
        return next;
    }

    @Override
    public String toString() {
        return "ZkEphemeralHandle[" + key + (deleted ? ", deleted]" : "]");
    }
}
