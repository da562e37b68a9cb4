package io.sextant.zookeeper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows the re-creation of ephemeral nodes after a lost session. On LOST it takes the open keys as
 * pending; each {@code PersistentNode} re-creation ticks one off. Curator's RECONNECTED is held back
 * until every pending key is back (or a deadline passes), so listeners see the restoration before or
 * with RECONNECTED, as the SPI promises.
 */
final class RestorationTracker {
    private static final Logger LOG = LoggerFactory.getLogger(RestorationTracker.class);

    private final Supplier<Set<String>> openKeys;
    private final Consumer<Set<String>> onRestored;
    private final Duration deadline;
    private final Executor executor;

    private final Set<String> pending = new HashSet<>();
    private final Set<String> restored = new TreeSet<>();
    private boolean lost;
    private Runnable heldReconnect;
    private long epoch;

    RestorationTracker(Supplier<Set<String>> openKeys, Consumer<Set<String>> onRestored, Duration deadline,
                       Executor executor) {
        this.openKeys = openKeys;
        this.onRestored = onRestored;
        this.deadline = deadline;
        this.executor = executor;
    }

    synchronized void sessionLost() {
        lost = true;
        heldReconnect = null;
        epoch++;
        pending.addAll(openKeys.get());
        LOG.info("ZooKeeper session lost; {} ephemeral node(s) to re-create", pending.size());
    }

    /** Curator reconnected; {@code publish} reports RECONNECTED, now or once the nodes are back. */
    synchronized void reconnected(Runnable publish) {
        if (!lost) {
            publish.run();
            return;
        }
        heldReconnect = publish;
        long myEpoch = epoch;
        CompletableFuture.delayedExecutor(deadline.toMillis(), TimeUnit.MILLISECONDS, executor)
                .execute(() -> expire(myEpoch));
        finishIfDone();
    }

    /** The connection dropped again: a held RECONNECTED is stale; the next one is held in its place. */
    synchronized void suspended() {
        heldReconnect = null;
    }

    /** A node was (re-)created by its recipe. */
    synchronized void created(String key) {
        if (pending.remove(key)) {
            restored.add(key);
            finishIfDone();
        }
    }

    /** A key was deleted on purpose: no longer awaited. */
    synchronized void forgotten(String key) {
        pending.remove(key);
        restored.remove(key);
        finishIfDone();
    }

    private void finishIfDone() {
        if (heldReconnect != null && pending.isEmpty()) {
            finish();
        }
    }

    private synchronized void expire(long expectedEpoch) {
        if (epoch == expectedEpoch && heldReconnect != null) {
            LOG.warn("ZooKeeper reconnected, but {} ephemeral node(s) were not re-created within {}: {}",
                    pending.size(), deadline, pending);
            finish();
        }
    }

    private void finish() {
        Set<String> keys = Set.copyOf(restored);
        Runnable publish = heldReconnect;
        pending.clear();
        restored.clear();
        lost = false;
        heldReconnect = null;
        epoch++;
        if (!keys.isEmpty()) {
            LOG.info("Re-created {} ephemeral node(s) after the session loss", keys.size());
            onRestored.accept(keys);
        }
        publish.run();
    }
}
