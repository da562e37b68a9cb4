package io.sextant.zookeeper;

import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads of records (ephemeral znodes) on the background API. A recursive list is a walk of
 * getChildren/getData requests, the reads of one level all in flight together (within the backend's
 * in-flight limit): each node is read consistently, the whole walk is not one snapshot (ZooKeeper has no
 * multi-node read); nodes vanishing during the walk are skipped.
 */
final class ZkReads {
    private ZkReads() {
    }

    static CompletableFuture<Optional<byte[]>> get(ZkOps ops, String key) {
        return ops.getData(key).thenApply(e -> {
            if (ZkOps.code(e) == KeeperException.Code.NONODE) {
                return Optional.empty();
            }
            ZkOps.check(e);
            return e.getStat().getEphemeralOwner() != 0 ? Optional.of(data(e)) : Optional.empty();
        });
    }

    static CompletableFuture<Map<String, byte[]>> list(ZkOps ops, String prefix) {
        Map<String, byte[]> out = new ConcurrentHashMap<>();
        String root = prefix.length() == 1 ? "/" : prefix.substring(0, prefix.length() - 1);
        return walk(ops, root, out).thenApply(v -> Map.copyOf(out));
    }

    private static CompletableFuture<Void> walk(ZkOps ops, String path, Map<String, byte[]> out) {
        return ops.getChildren(path).thenCompose(e -> {
            if (ZkOps.code(e) == KeeperException.Code.NONODE) {
                return CompletableFuture.completedFuture(null);
            }
            ZkOps.check(e);
            List<CompletableFuture<Void>> children = new ArrayList<>();
            for (String child : e.getChildren()) {
                String childPath = ZKPaths.makePath(path, child);
                children.add(ops.getData(childPath).thenCompose(d -> visit(ops, childPath, d, out)));
            }
            return CompletableFuture.allOf(children.toArray(CompletableFuture[]::new));
        });
    }

    private static CompletableFuture<Void> visit(ZkOps ops, String path, CuratorEvent d, Map<String, byte[]> out) {
        if (ZkOps.code(d) == KeeperException.Code.NONODE) {
            return CompletableFuture.completedFuture(null);
        }
        ZkOps.check(d);
        if (d.getStat().getEphemeralOwner() != 0) {
            out.put(path, data(d));
        } else if (d.getStat().getNumChildren() > 0) {
            return walk(ops, path, out);
        }
        return CompletableFuture.completedFuture(null);
    }

    private static byte[] data(CuratorEvent e) {
        return e.getData() == null ? new byte[0] : e.getData();
    }
}
