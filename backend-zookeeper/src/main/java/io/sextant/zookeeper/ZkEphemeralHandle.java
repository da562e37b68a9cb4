package io.sextant.zookeeper;

import io.sextant.BackendUnavailableException;
import io.sextant.spi.EphemeralHandle;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One registration: an ephemeral znode kept by Curator's {@link PersistentNode} (re-created after a
 * session loss or a deletion behind our back). Blocking work runs on the backend's I/O executor.
 */
final class ZkEphemeralHandle implements EphemeralHandle {
    private static final long SLICE_MS = 50;

    private final ZooKeeperBackend backend;
    private final CuratorFramework client;
    private final String key;
    private final PersistentNode node;
    private final AtomicBoolean deleted = new AtomicBoolean();
    // A refresh that found the node missing creates it outside the recipe; it must never interleave with
    // the delete, or the node it creates outlives the handle (a phantom for the rest of the session).
    private final Object writeLock = new Object();
    private volatile byte[] value;

    private ZkEphemeralHandle(ZooKeeperBackend backend, String key, byte[] value) {
        this.backend = backend;
        this.client = backend.client();
        this.key = key;
        this.value = value;
        this.node = new PersistentNode(client, CreateMode.EPHEMERAL, false, key, value);
    }

    /** Creates the node and waits (blocking) until ZooKeeper has it. */
    static ZkEphemeralHandle create(ZooKeeperBackend backend, String key, byte[] value) throws Exception {
        ZkEphemeralHandle handle = new ZkEphemeralHandle(backend, key, value);
        handle.node.getListenable().addListener(path -> backend.tracker().created(key));
        handle.node.start();
        long deadline = System.nanoTime() + backend.settings().requestTimeout().toNanos();
        while (!handle.node.waitForInitialCreate(SLICE_MS, TimeUnit.MILLISECONDS)) {
            if (AuthFailureProbe.failedOnAuth(handle.node) || System.nanoTime() > deadline) {
                handle.node.close();
                throw handle.explainFailedCreate();
            }
        }
        return handle;
    }

    // PersistentNode gives up silently on NOAUTH; repeat the write once ourselves to surface the real error.
    private Exception explainFailedCreate() {
        try {
            try {
                client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(key, value);
                client.delete().forPath(key);
            } catch (KeeperException.NodeExistsException e) {
                client.setData().forPath(key, value);
            }
            return new BackendUnavailableException("create " + key + " at ZooKeeper " + backend.settings().connect()
                    + " did not complete within " + backend.settings().requestTimeout());
        } catch (Exception e) {
            return e;
        }
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public CompletableFuture<Void> update(byte[] newValue) {
        byte[] copy = newValue.clone();
        value = copy;
        try {
            requireOpen();
            node.setData(copy); // asynchronous: sent now, on the caller's thread, without a hop
        } catch (Exception e) {
            return CompletableFuture.failedFuture(ZkErrors.translate(backend.settings().connect(), "update", key, e));
        }
        return backend.call("update", key, () -> {
            // Under the write lock and re-checked: a delayed check must not write this handle's value onto
            // the node of a newer handle of the same key after this one was deleted.
            synchronized (writeLock) {
                requireOpen();
                // Requests of one session are ordered: this read sees the recipe's write (or its failure).
                byte[] stored = client.getData().forPath(key);
                if (!Arrays.equals(stored, copy) && value == copy) {
                    client.setData().forPath(key, copy); // surfaces NOAUTH and the like
                }
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> refresh() {
        return backend.call("refresh", key, () -> {
            synchronized (writeLock) {
                refreshLocked();
            }
            return null;
        });
    }

    private void refreshLocked() throws Exception {
        requireOpen();
        byte[] current = value;
        Stat stat = new Stat();
        try {
            byte[] stored = client.getData().storingStatIn(stat).forPath(key);
            if (!Arrays.equals(stored, current)) {
                client.setData().forPath(key, current);
            }
        } catch (KeeperException.NoNodeException e) {
            try {
                client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
                        .forPath(key, current);
                // The recipe now finds the node existing and reports nothing: this is the restoration.
                backend.tracker().created(key);
            } catch (KeeperException.NodeExistsException raced) {
                client.setData().forPath(key, current);
            }
        }
    }

    @Override
    public CompletableFuture<Void> delete() {
        if (!deleted.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        backend.forget(this, done);
        backend.<Void>call("delete", key, () -> {
            synchronized (writeLock) {
                try {
                    node.close();
                } catch (IOException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                removeLeftoverOfOwnSession();
            }
            return null;
        }).whenComplete((v, e) -> {
            if (e == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /**
     * The recipe re-creates its node in the background when the node is deleted behind its back; a
     * re-create already past the recipe's "still active" check when {@link PersistentNode#close()} runs
     * reaches the server after the close's delete and leaves an ephemeral that nothing owns (a phantom
     * instance for the rest of the session). Requests of one session are applied in order, so a read
     * issued now sees such a create if it was sent; delete the node when our own session created it.
     */
    private void removeLeftoverOfOwnSession() throws Exception {
        long session = client.getZookeeperClient().getZooKeeper().getSessionId();
        Stat stat = client.checkExists().forPath(key);
        if (stat != null && stat.getEphemeralOwner() == session) {
            try {
                client.delete().withVersion(stat.getVersion()).forPath(key);
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException gone) {
                // already gone, or rewritten by a newer owner of the key
            }
        }
    }

    /**
     * Stops the recipe (it deletes the node) without reporting: the backend is closing (the session close
     * would delete it too; the recipe must stop before the client closes, or it keeps re-creating the node
     * on the closing client), or this handle lost a race with another handle of the same key (whose recipe
     * puts the node back).
     */
    void abandon() {
        deleted.set(true);
        try {
            node.close();
        } catch (IOException | RuntimeException e) {
            // the session close that follows removes the node anyway
        }
    }

    private void requireOpen() {
        if (deleted.get()) {
            throw new IllegalStateException("handle of " + key + " was deleted");
        }
    }
}
