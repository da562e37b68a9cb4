package io.sextant.it.zookeeper;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import io.sextant.zookeeper.ZooKeeperBackendProvider;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Small helpers shared by the ZooKeeper backend tests. */
final class ZkTestSupport {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private ZkTestSupport() {
    }

    /** A fresh namespace per test, so tests never see each other's keys. */
    static String freshNamespace(String prefix) {
        return prefix + "-" + NAMESPACES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    static Backend open(SextantConfig config) {
        return new ZooKeeperBackendProvider().open(BackendConfig.from(config));
    }

    /** Records connection states and restorations. */
    static final class StateRecorder implements BackendListener {
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();
        final List<Set<String>> restorations = new CopyOnWriteArrayList<>();
        final List<String> order = new CopyOnWriteArrayList<>();

        @Override
        public void onConnectionStateChanged(ConnectionState previous, ConnectionState current) {
            states.add(current);
            order.add(current.name());
        }

        @Override
        public void onEphemeralsRestored(Set<String> keys) {
            restorations.add(keys);
            order.add("RESTORED" + new java.util.TreeSet<>(keys));
        }
    }
}
