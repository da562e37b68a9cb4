package io.sextant.internal.cache;

import io.sextant.ServiceInstance;
import io.sextant.internal.Keys;
import io.sextant.spi.ConnectionState;
import io.sextant.testkit.Fixtures;
import io.sextant.testkit.MutableClock;
import io.sextant.testkit.ScriptedBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A held mass drop waits for its confirming read, however slow the backend answers. */
@Timeout(20)
class HeldDropReadTest {
    private static final String SERVICE = "orders";
    private static final Duration SETTLE = Duration.ofHours(1);

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @AfterEach
    void close() {
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    private static Map<String, byte[]> records(String... ids) {
        Map<String, byte[]> m = new HashMap<>();
        for (String id : ids) {
            m.put(Keys.instanceKey(SERVICE, id), Fixtures.record(SERVICE, id));
        }
        return m;
    }

    private static List<String> ids(WatchedServiceCache cache) {
        return cache.snapshot().instances().stream().map(ServiceInstance::id).toList();
    }

    @Test
    void aConfirmingReadSlowerThanATimerTickIsNotSupersededByAnotherRead() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(ConnectionState.CONNECTED);
        WatchedServiceCache cache = WatchedServiceCache.start(SERVICE, backend,
                new CacheSettings(0.5, SETTLE, Duration.ofSeconds(10), null), clock, clock.ticker(), executor, scheduler);
        backend.watcher.onSnapshot(records("a", "b", "c", "d"), false);
        await().until(() -> cache.snapshot().size() == 4);

        cache.connectionChanged(ConnectionState.SUSPENDED);
        backend.watcher.onSnapshot(records("a"), true); // one update dropping three of four
        cache.connectionChanged(ConnectionState.RECONNECTED);
        backend.lists.take().complete(records("a")); // read inside the settle window: the drop stays held
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(cache.snapshot()).matches(s -> s.size() == 4 && s.isStale(), "held: " + cache.snapshot()));

        clock.advance(SETTLE.plusSeconds(1));
        cache.confirmNow();
        await().until(() -> backend.listCalls.get() >= 2);
        // the backend takes its time answering: no further read may replace the outstanding one
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> backend.listCalls.get() == 2);
        backend.lists.take().complete(records("a"));
        await().atMost(Duration.ofSeconds(3)).until(() -> ids(cache).equals(List.of("a")) && !cache.snapshot().isStale());
        cache.close();
    }

    @Test
    void aListThatThrowsInsteadOfFailingItsFutureIsRetried() throws Exception {
        ScriptedBackend backend = new ScriptedBackend(ConnectionState.CONNECTED);
        WatchedServiceCache cache = WatchedServiceCache.start(SERVICE, backend,
                new CacheSettings(0.5, Duration.ZERO, Duration.ofSeconds(10), null), clock, clock.ticker(), executor, scheduler);
        backend.watcher.onSnapshot(records("a", "b"), false);
        await().until(() -> cache.snapshot().size() == 2);

        cache.connectionChanged(ConnectionState.SUSPENDED);
        backend.watcher.onDelete(Keys.instanceKey(SERVICE, "b"));
        backend.watcher.onDelete(Keys.instanceKey(SERVICE, "a"));
        backend.throwingLists.set(1);
        cache.connectionChanged(ConnectionState.RECONNECTED); // its read throws: retried after a short pause
        await().atMost(Duration.ofSeconds(5)).until(() -> backend.listCalls.get() >= 2);
        backend.lists.take().complete(records());
        await().atMost(Duration.ofSeconds(5)).until(() -> cache.snapshot().isEmpty() && !cache.snapshot().isStale());
        cache.close();
    }

    @Test
    void dropsDuringAnOutageCountTogetherHoweverTheEventsAreBatched() {
        ScriptedBackend backend = new ScriptedBackend(ConnectionState.CONNECTED);
        // an inline executor applies and publishes every event on its own: no coalescing at all
        WatchedServiceCache cache = WatchedServiceCache.start(SERVICE, backend,
                new CacheSettings(0.5, SETTLE, Duration.ofSeconds(10), null), clock, clock.ticker(), Runnable::run, scheduler);
        List<String> all = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        backend.watcher.onSnapshot(records(all.toArray(String[]::new)), false);
        assertThat(cache.snapshot().size()).isEqualTo(10);

        cache.connectionChanged(ConnectionState.SUSPENDED);
        for (String id : all.subList(1, 10)) { // leases expiring one by one in the outage
            backend.watcher.onDelete(Keys.instanceKey(SERVICE, id));
        }
        assertThat(cache.snapshot().isStale()).isTrue();
        assertThat(cache.snapshot().size()).as("every removal is held while disconnected").isEqualTo(10);
        cache.close();
    }
}
