package io.sextant.etcd;

import io.sextant.spi.support.SerialExecutor;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.sextant.spi.WatchListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PrefixWatchTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void closingWhileTheWatcherIsBeingOpenedLeavesNoWatcherOpen() throws Exception {
        SlowWatch etcdWatch = new SlowWatch();
        KvOps kv = new KvOps(new FakeKv(), new KeyMapper("ns"), Duration.ofSeconds(5), pool, "test");
        PrefixWatch watch = new PrefixWatch("/services/s/", kv, etcdWatch, new SerialExecutor(pool), timer,
                new Seams(System::nanoTime, () -> 0.0), new NoListener());
        watch.start();
        assertThat(etcdWatch.entered.await(5, TimeUnit.SECONDS)).isTrue();

        watch.close(); // while jetcd is still creating the watcher
        etcdWatch.release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> !etcdWatch.watchers.isEmpty());
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(etcdWatch.watchers).allMatch(FakeWatcher::isClosed));
    }

    /** A jetcd Watch whose watch() call takes until the test releases it. */
    private static final class SlowWatch implements Watch {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<FakeWatcher> watchers = new CopyOnWriteArrayList<>();

        @Override
        public Watcher watch(ByteSequence key, WatchOption option, Listener listener) {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            FakeWatcher w = new FakeWatcher();
            watchers.add(w);
            return w;
        }

        @Override
        public void requestProgress() {
        }

        @Override
        public void close() {
        }
    }

    private static final class FakeWatcher implements Watch.Watcher {
        private volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void requestProgress() {
        }
    }

    private static final class NoListener implements WatchListener {
        @Override
        public void onSnapshot(Map<String, byte[]> entries, boolean resync) {
        }

        @Override
        public void onPut(String key, byte[] value) {
        }

        @Override
        public void onDelete(String key) {
        }
    }
}
