package io.sextant.etcd;

import io.sextant.spi.support.Backoff;
import io.sextant.spi.support.SerialExecutor;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.sextant.spi.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One watched prefix: read it at revision R, watch from R+1 and apply events in order, skipping any
 * revision already applied. After any interruption (error or {@code onCompleted}) we close jetcd's
 * watcher and open a new one from the last applied revision + 1 ourselves, with back-off: jetcd's own
 * resume point can run ahead of what it delivered (it moves to the header revision when a watch is
 * created). When that revision has been compacted we read the prefix afresh and deliver a resync
 * snapshot. All state is touched on one serial executor; the listener is called there, never on a
 * jetcd thread.
 *
 * <p>The watch asks for progress notifications: etcd tells a watcher that has seen every event up to a
 * revision (it sends them only to watchers that are in sync, every
 * {@code --experimental-watch-progress-notify-interval}, 10 minutes by default), and the resume revision
 * moves up to it. A quiet prefix therefore resumes after an interruption from a recent revision instead
 * of one that compaction may long have passed, which would force a full read and a resync.
 */
final class PrefixWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrefixWatch.class);

    private final String prefix;
    private final KvOps kv;
    private final Watch watch;
    private final SerialExecutor serial;
    private final ScheduledExecutorService timer;
    private final Backoff backoff;
    private final SerializedListener listener;

    // Touched only on `serial`.
    private long lastApplied;
    private long generation;
    private int attempt;
    private volatile Watch.Watcher watcher;

    PrefixWatch(String prefix, KvOps kv, Watch watch, SerialExecutor serial, ScheduledExecutorService timer,
                Seams seams, WatchListener listener) {
        this.prefix = prefix;
        this.kv = kv;
        this.watch = watch;
        this.serial = serial;
        this.timer = timer;
        this.backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), seams.random());
        this.listener = new SerializedListener(prefix, listener);
    }

    void start() {
        kv.keys().prefix(prefix); // validates in the caller's thread
        serial.execute(() -> readAndWatch(false));
    }

    private void readAndWatch(boolean resync) {
        if (listener.isClosed()) {
            return;
        }
        long g = ++generation;
        kv.range(prefix).whenComplete((r, t) -> serial.execute(() -> onRead(g, resync, r, t)));
    }

    private void onRead(long g, boolean resync, GetResponse r, Throwable t) {
        if (listener.isClosed() || g != generation) {
            return;
        }
        if (t != null) {
            if (attempt == 0) {
                LOG.warn("reading {} failed, retrying with back-off: {}", prefix, Failures.describe(t));
            } else {
                LOG.debug("reading {} failed again: {}", prefix, Failures.describe(t));
            }
            later(() -> readAndWatch(resync));
            return;
        }
        attempt = 0;
        long revision = r.getHeader().getRevision();
        listener.snapshot(kv.entries(r), resync);
        lastApplied = revision;
        openWatcher();
    }

    private void openWatcher() {
        if (listener.isClosed()) {
            return;
        }
        long g = ++generation;
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(lastApplied + 1)
                .withCreateNotify(true).withProgressNotify(true).withRequireLeader(true).build();
        Watch.Watcher w = watch.watch(kv.keys().prefix(prefix), option, Watch.listener(
                response -> serial.execute(() -> onResponse(g, response)),
                error -> serial.execute(() -> onError(g, error)),
                () -> serial.execute(() -> onCompleted(g))));
        watcher = w;
        if (listener.isClosed()) {
            w.close(); // close() ran while the watcher was being created and could not see it
            return;
        }
        LOG.debug("watching {} from revision {}", prefix, lastApplied + 1);
    }

    private void onResponse(long g, WatchResponse response) {
        if (listener.isClosed() || g != generation) {
            return;
        }
        attempt = 0;
        if (response.isProgressNotify()) {
            // Everything up to this revision has been delivered to this watcher (etcd sends progress only to
            // synced watchers); a created notification, by contrast, carries a revision events may still precede.
            long progress = response.getHeader().getRevision();
            if (progress > lastApplied) {
                LOG.trace("watch of {}: progress to revision {}", prefix, progress);
                lastApplied = progress;
            }
            return;
        }
        long before = lastApplied;
        for (WatchEvent e : response.getEvents()) {
            KeyValue kvp = e.getKeyValue();
            long rev = kvp.getModRevision();
            if (rev <= before) {
                continue; // already applied (a resumed watch may replay)
            }
            String key = kv.keys().relative(kvp.getKey());
            if (e.getEventType() == WatchEvent.EventType.PUT) {
                listener.put(key, kvp.getValue().getBytes());
            } else if (e.getEventType() == WatchEvent.EventType.DELETE) {
                listener.delete(key);
            }
            lastApplied = Math.max(lastApplied, rev);
        }
    }

    private void onError(long g, Throwable error) {
        if (listener.isClosed() || g != generation) {
            return;
        }
        if (Failures.isCompacted(error)) {
            LOG.warn("watch of {} fell behind compaction after revision {}: resyncing", prefix, lastApplied);
            stopWatcher();
            readAndWatch(true);
        } else {
            LOG.debug("watch of {} interrupted, re-watching from revision {}: {}", prefix, lastApplied + 1,
                    Failures.describe(error));
            stopWatcher();
            later(this::openWatcher);
        }
    }

    private void onCompleted(long g) {
        if (listener.isClosed() || g != generation) {
            return;
        }
        LOG.info("watch of {} ended; re-watching from revision {}", prefix, lastApplied + 1);
        stopWatcher();
        later(this::openWatcher);
    }

    private void later(Runnable step) {
        Duration d = backoff.delay(attempt++);
        try {
            timer.schedule(() -> serial.execute(step), d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("watch of {} not rescheduled: backend closing", prefix);
        }
    }

    private void stopWatcher() {
        generation++;
        Watch.Watcher w = watcher;
        watcher = null;
        if (w != null) {
            w.close();
        }
    }

    @Override
    public void close() {
        listener.close();
        Watch.Watcher w = watcher;
        if (w != null) {
            w.close();
        }
    }
}
