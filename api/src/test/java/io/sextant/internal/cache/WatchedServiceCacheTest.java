package io.sextant.internal.cache;

import io.sextant.InstanceSet;
import io.sextant.InstanceSetChange;
import io.sextant.ServiceInstance;
import io.sextant.internal.Keys;
import io.sextant.spi.support.RecordCodec;
import io.sextant.spi.Backend;
import io.sextant.spi.EphemeralHandle;
import io.sextant.testkit.Fixtures;
import io.sextant.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static io.sextant.internal.cache.CacheHarness.SERVICE;
import static io.sextant.internal.cache.CacheHarness.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class WatchedServiceCacheTest {
    private static final CacheSettings SETTINGS = new CacheSettings(0.5, Duration.ofSeconds(2), Duration.ofSeconds(2), null);

    private final CacheHarness h = new CacheHarness();
    private final List<InstanceSetChange> changes = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static List<String> ids(InstanceSet set) {
        return set.instances().stream().map(ServiceInstance::id).toList();
    }

    private static List<String> ids(List<ServiceInstance> list) {
        return list.stream().map(ServiceInstance::id).toList();
    }

    @Test
    void startsFromTheSnapshotThenPublishesOneChangePerEventWithDiffsInIdOrder() throws Exception {
        Backend writer = h.backend();
        EphemeralHandle a = register(writer, "a");
        EphemeralHandle b = register(writer, "b");
        io.sextant.testkit.MutableClock clock = new io.sextant.testkit.MutableClock(java.time.Instant.now());
        WatchedServiceCache cache = h.cache(h.backend(), SETTINGS, clock);
        assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();
        clock.advance(SETTINGS.settleWindow().plusSeconds(1)); // steady state: past the window a cache opens with
        assertThat(ids(cache.snapshot())).containsExactly("a", "b");
        assertThat(cache.snapshot().revision()).isEqualTo(1);
        assertThat(cache.snapshot().isStale()).isFalse();
        cache.addListener(changes::add);

        register(writer, "c");
        await().until(() -> changes.size() == 1);
        ServiceInstance a2 = Fixtures.instance(SERVICE, "a").toBuilder().weight(7).build();
        a.update(RecordCodec.encode(a2)).get();
        await().until(() -> changes.size() == 2);
        b.delete().get();
        await().until(() -> changes.size() == 3);

        assertThat(ids(changes.get(0).added())).containsExactly("c");
        assertThat(changes.get(0).removed()).isEmpty();
        assertThat(changes.get(1).updated()).singleElement().satisfies(u -> {
            assertThat(u.previous().weight()).isEqualTo(100);
            assertThat(u.current()).isEqualTo(a2);
        });
        assertThat(ids(changes.get(2).removed())).containsExactly("b");
        for (int i = 0; i < changes.size(); i++) {
            assertThat(changes.get(i).current().revision()).isEqualTo(2 + i);
            if (i > 0) {
                assertThat(changes.get(i).previous()).isSameAs(changes.get(i - 1).current());
            }
        }
        assertThat(cache.snapshot()).isSameAs(changes.get(2).current());
        assertThat(ids(cache.snapshot())).containsExactly("a", "c");
        assertThat(cache.snapshot().byId("a")).isEqualTo(a2);
    }

    @Test
    void aBurstWhileTheApplierIsBusyIsCoalescedAndEndsRight() throws Exception {
        Backend writer = h.backend();
        WatchedServiceCache cache = h.cache(h.backend(), SETTINGS, Clock.systemUTC());
        assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        cache.addListener(c -> {
            changes.add(c);
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        register(writer, "first");
        entered.await();
        List<EphemeralHandle> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            burst.add(register(writer, String.format("i-%03d", i)));
        }
        burst.get(0).delete().get();
        release.countDown();
        await().until(() -> cache.snapshot().size() == 100);
        assertThat(cache.snapshot().byId("i-000")).isNull();
        assertThat(changes.size()).isLessThan(102).isGreaterThanOrEqualTo(2);
        assertThat(changes.get(changes.size() - 1).current()).isSameAs(cache.snapshot());
        int addedTotal = changes.stream().mapToInt(c -> c.added().size() - c.removed().size()).sum();
        assertThat(addedTotal).isEqualTo(100);
    }

    @Test
    void staysReadableAndStaleWithItsAgeWhileTheServerIsDown() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Backend writer = h.backend();
        register(writer, "a");
        register(writer, "b");
        WatchedServiceCache cache = h.cache(h.backend(), SETTINGS, clock);
        assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();
        cache.addListener(changes::add);

        h.server.stop();
        await().until(() -> cache.snapshot().isStale());
        InstanceSet stale = cache.snapshot();
        assertThat(ids(stale)).containsExactly("a", "b");
        assertThat(stale.staleSince()).isEqualTo(clock.instant());
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.stalenessChanged()).isTrue();
            assertThat(c.hasInstanceChanges()).isFalse();
        });
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.snapshot().staleness(clock)).isEqualTo(Duration.ofSeconds(1));

        h.server.start(); // within the TTL: same session, nothing lost
        await().until(() -> !cache.snapshot().isStale());
        assertThat(ids(cache.snapshot())).containsExactly("a", "b");
        assertThat(cache.snapshot().revision()).isGreaterThan(stale.revision());
    }

    @Test
    void corruptRecordsAreSkippedCountedLoggedOncePerKeyAndNeverBreakTheWatch() throws Exception {
        Backend writer = h.backend();
        register(writer, "good");
        WatchedServiceCache cache = h.cache(h.backend(), SETTINGS, Clock.systemUTC());
        assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();
        EphemeralHandle bad = writer.putEphemeral(Keys.instanceKey(SERVICE, "bad"),
                "{not json".getBytes(StandardCharsets.UTF_8)).get();
        writer.putEphemeral(Keys.instanceKey(SERVICE, "y"), Fixtures.record(SERVICE, "x")).get(); // id mismatch
        writer.putEphemeral(Keys.instanceKey(SERVICE, "z"), Fixtures.record("payments", "z")).get(); // service mismatch
        bad.update("[]".getBytes(StandardCharsets.UTF_8)).get();
        register(writer, "later");
        await().until(() -> cache.snapshot().size() == 2);
        assertThat(ids(cache.snapshot())).containsExactly("good", "later");
        assertThat(cache.corruptRecordCount()).isEqualTo(4);
        assertThat(cache.corruptWarnings()).isEqualTo(3);

        bad.update(Fixtures.record(SERVICE, "bad")).get();
        await().until(() -> cache.snapshot().byId("bad") != null);
        bad.update(new byte[0]).get();
        await().until(() -> cache.snapshot().byId("bad") == null);
        assertThat(cache.corruptRecordCount()).isEqualTo(5);
        assertThat(cache.corruptWarnings()).isEqualTo(4);
    }

    @Test
    void listenerExceptionsAreCaughtAndLaterListenersStillRun() throws Exception {
        Backend writer = h.backend();
        WatchedServiceCache cache = h.cache(h.backend(), SETTINGS, Clock.systemUTC());
        assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();
        cache.addListener(c -> {
            throw new IllegalStateException("boom");
        });
        cache.addListener(changes::add);
        register(writer, "a");
        register(writer, "b");
        await().until(() -> cache.snapshot().size() == 2);
        await().until(() -> !changes.isEmpty() && changes.get(changes.size() - 1).current().size() == 2);
    }

    @Test
    void aListenerThrowingAnErrorDoesNotStopTheCache() throws Exception {
        Backend writer = h.backend();
        WatchedServiceCache cache = h.cache(h.backend(), SETTINGS, Clock.systemUTC());
        assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();
        cache.addListener(c -> {
            throw new AssertionError("a listener's failed assert");
        });
        cache.addListener(changes::add);
        register(writer, "a");
        await().until(() -> cache.snapshot().size() == 1);
        register(writer, "b");
        await().until(() -> cache.snapshot().size() == 2);
        await().until(() -> !changes.isEmpty() && changes.get(changes.size() - 1).current().size() == 2);
    }

    @Test
    void aLostSessionOfTheReaderEndsFreshAndRight() throws Exception {
        Backend writer = h.backend();
        Backend reader = h.backend();
        register(writer, "a");
        register(reader, "own"); // gives the reader a session key to expire
        WatchedServiceCache cache = h.cache(reader, SETTINGS, Clock.systemUTC());
        assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();
        cache.addListener(changes::add);
        h.server.expireSessionOwning("ns", Keys.instanceKey(SERVICE, "own"));
        // LOST, the delete and re-put of "own" and RECONNECTED may all be coalesced; the end state must be right
        await().until(() -> reader.connectionState() == io.sextant.spi.ConnectionState.RECONNECTED);
        await().until(() -> !cache.snapshot().isStale() && ids(cache.snapshot()).equals(List.of("a", "own")));
    }
}
