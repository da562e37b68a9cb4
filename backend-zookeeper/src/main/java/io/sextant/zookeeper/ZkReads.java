package io.sextant.zookeeper;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Blocking reads of records (ephemeral znodes). A recursive list is a walk of getChildren/getData
 * calls: each node is read consistently, the whole walk is not one snapshot (ZooKeeper has no
 * multi-node read); nodes vanishing during the walk are skipped.
 */
final class ZkReads {
    private ZkReads() {
    }

    static Optional<byte[]> get(CuratorFramework client, String key) throws Exception {
        Stat stat = new Stat();
        try {
            byte[] data = client.getData().storingStatIn(stat).forPath(key);
            return stat.getEphemeralOwner() != 0 ? Optional.of(data == null ? new byte[0] : data) : Optional.empty();
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    static Map<String, byte[]> list(CuratorFramework client, String prefix) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        String root = prefix.length() == 1 ? "/" : prefix.substring(0, prefix.length() - 1);
        walk(client, root, out);
        return out;
    }

    private static void walk(CuratorFramework client, String path, Map<String, byte[]> out) throws Exception {
        List<String> children;
        try {
            children = client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return;
        }
        for (String child : children) {
            String childPath = ZKPaths.makePath(path, child);
            Stat stat = new Stat();
            byte[] data;
            try {
                data = client.getData().storingStatIn(stat).forPath(childPath);
            } catch (KeeperException.NoNodeException e) {
                continue;
            }
            if (stat.getEphemeralOwner() != 0) {
                out.put(childPath, data == null ? new byte[0] : data);
            } else if (stat.getNumChildren() > 0) {
                walk(client, childPath, out);
            }
        }
    }
}
