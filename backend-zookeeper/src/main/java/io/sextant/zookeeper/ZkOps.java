package io.sextant.zookeeper;

import io.sextant.spi.support.InFlightLimit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One ZooKeeper request each, on Curator's background API: nothing blocks and no thread waits for an
 * answer. Each request holds a permit of the backend's {@link InFlightLimit} until it is answered (or its
 * bound passes) and completes on {@code callbacks}, never on ZooKeeper's event thread. The future
 * completes with Curator's event whatever its result code; {@link #check} turns a code into an error.
 * Curator retries a request only within the request time-out (its retry policy); the bound given here
 * (request time-out + Curator's connection wait + 1 s) is a backstop after which we stop waiting. It
 * starts when the request is sent, never while it waits for a permit.
 */
final class ZkOps {
    private final CuratorFramework client;
    private final InFlightLimit limit;
    private final Executor callbacks;
    private final long timeoutMs;

    ZkOps(CuratorFramework client, InFlightLimit limit, Executor callbacks, long timeoutMs) {
        this.client = client;
        this.limit = limit;
        this.callbacks = callbacks;
        this.timeoutMs = timeoutMs;
    }

    InFlightLimit limit() {
        return limit;
    }

    /** Starts one background request with {@code callback}. */
    @FunctionalInterface
    interface Request {
        void start(BackgroundCallback callback) throws Exception;
    }

    /** Runs {@code request} under the in-flight limit; completes with its event, on {@code callbacks}. */
    CompletableFuture<CuratorEvent> run(Request request) {
        return limit.submit(() -> runNow(request));
    }

    /** Runs {@code request} at once, outside the limit (watch bookkeeping that must not queue behind puts). */
    CompletableFuture<CuratorEvent> runNow(Request request) {
        CompletableFuture<CuratorEvent> answer = new CompletableFuture<>();
        try {
            request.start((c, event) -> answer.complete(event));
        } catch (Exception e) {
            answer.completeExceptionally(e);
        }
        return answer.orTimeout(timeoutMs, TimeUnit.MILLISECONDS);
    }

    CompletableFuture<CuratorEvent> createEphemeral(String path, byte[] data) {
        return run(cb -> client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
                .inBackground(cb, callbacks).forPath(path, data));
    }

    CompletableFuture<CuratorEvent> getData(String path) {
        return run(cb -> client.getData().inBackground(cb, callbacks).forPath(path));
    }

    CompletableFuture<CuratorEvent> setData(String path, byte[] data, int version) {
        return run(cb -> client.setData().withVersion(version).inBackground(cb, callbacks).forPath(path, data));
    }

    CompletableFuture<CuratorEvent> delete(String path, int version) {
        return run(cb -> client.delete().withVersion(version).inBackground(cb, callbacks).forPath(path));
    }

    CompletableFuture<CuratorEvent> getChildren(String path) {
        return run(cb -> client.getChildren().inBackground(cb, callbacks).forPath(path));
    }

    /** An exists check that leaves {@code watcher} on the node (one-shot). */
    CompletableFuture<CuratorEvent> watchNode(String path, Watcher watcher) {
        return run(cb -> client.checkExists().usingWatcher(watcher).inBackground(cb, callbacks).forPath(path));
    }

    /** An exists check outside the limit (a watch's read barrier). */
    CompletableFuture<CuratorEvent> exists(String path) {
        return runNow(cb -> client.checkExists().inBackground(cb, callbacks).forPath(path));
    }

    /**
     * Replaces the node at {@code path} (of {@code version}, held by a session of ours that is gone) by an
     * ephemeral of the current session, in one transaction: nobody ever sees the key absent.
     */
    CompletableFuture<CuratorEvent> takeOver(String path, int version, byte[] data) {
        return run(cb -> {
            CuratorOp delete = client.transactionOp().delete().withVersion(version).forPath(path);
            CuratorOp create = client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(path, data);
            client.transaction().inBackground(cb, callbacks).forOperations(delete, create);
        });
    }

    /** The event's result as a code. */
    static KeeperException.Code code(CuratorEvent event) {
        return KeeperException.Code.get(event.getResultCode());
    }

    /** Throws the event's error (a {@link KeeperException} in a {@link CompletionException}) unless it is OK. */
    static CuratorEvent check(CuratorEvent event) {
        if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
            throw new CompletionException(KeeperException.create(code(event), event.getPath()));
        }
        return event;
    }
}
