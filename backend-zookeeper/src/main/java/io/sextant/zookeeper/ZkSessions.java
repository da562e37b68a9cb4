package io.sextant.zookeeper;

import org.apache.curator.framework.CuratorFramework;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The sessions one backend has held. A node whose ephemeral owner is one of our earlier sessions is
 * ours to take over: the client gave that session up (Curator declares a session lost once it has been
 * cut off for the session timeout) while the server may still keep it, and its nodes, for another
 * session timeout after an ensemble outage.
 */
final class ZkSessions {
    private static final int REMEMBERED = 16;

    private final CuratorFramework client;
    private final Deque<Long> seen = new ArrayDeque<>(); // guarded by this

    ZkSessions(CuratorFramework client) {
        this.client = client;
    }

    /** The current session's id, or 0 while none is established. */
    long current() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Called on every (re)connection: remembers the session now in use. */
    synchronized void connected() {
        long id = current();
        if (id != 0 && !seen.contains(id)) {
            seen.addFirst(id);
            if (seen.size() > REMEMBERED) {
                seen.removeLast();
            }
        }
    }

    synchronized boolean wasOurs(long owner) {
        return owner != 0 && seen.contains(owner);
    }
}
