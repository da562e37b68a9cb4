package io.sextant.internal.cache;

import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;
import io.sextant.spi.Backend;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import io.sextant.testkit.Fixtures;
import io.sextant.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.sextant.internal.cache.CacheHarness.SERVICE;
import static io.sextant.internal.cache.CacheHarness.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class ProtectionTest {
    /** A settle window the test ends by moving the clock, not by waiting. */
    private static final Duration SETTLE = Duration.ofHours(1);
    private static final CacheSettings SETTINGS = new CacheSettings(0.5, SETTLE, Duration.ofSeconds(2), null);

    private final CacheHarness h = new CacheHarness();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static List<String> ids(InstanceSet set) {
        return set.instances().stream().map(ServiceInstance::id).toList();
    }

    /** Registers {@code gone} through a client that is closed while the server is down, so its records vanish in the outage. */
    private WatchedServiceCache outageDropping(List<String> kept, List<String> gone) throws Exception {
        Backend stays = h.backend();
        Backend leaves = h.backend();
        for (String id : kept) {
            register(stays, id);
        }
        for (String id : gone) {
            register(leaves, id);
        }
        Backend reader = h.backend();
        WatchedServiceCache cache = h.cache(reader, SETTINGS, clock);
        assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();
        await().until(() -> cache.snapshot().size() == kept.size() + gone.size());
        h.server.stop();
        leaves.close();
        await().until(() -> cache.snapshot().isStale());
        h.server.start(); // the closed client's session expires: resync snapshot without its records
        await().until(() -> reader.connectionState() == ConnectionState.RECONNECTED);
        return cache;
    }

    @Test
    void anUpdateThatWouldEmptyTheSetAfterAnOutageIsHeldUntilAStableReadConfirmsIt() throws Exception {
        WatchedServiceCache cache = outageDropping(List.of(), List.of("a"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> ids(cache.snapshot()).equals(List.of("a")) && cache.snapshot().isStale());
        cache.confirmNow(); // still inside the settle window: nothing happens
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(3)).until(() -> cache.snapshot().size() == 1);

        clock.advance(SETTLE.plusSeconds(1));
        cache.confirmNow();
        await().until(() -> cache.snapshot().isEmpty() && !cache.snapshot().isStale());
    }

    @Test
    void aMassDropAfterAnOutageIsHeldButASmallDropIsAppliedAtOnce() throws Exception {
        WatchedServiceCache cache = outageDropping(List.of("a"), List.of("b", "c", "d"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> cache.snapshot().size() == 4 && cache.snapshot().isStale());
        clock.advance(SETTLE.plusSeconds(1));
        cache.confirmNow();
        await().until(() -> ids(cache.snapshot()).equals(List.of("a")) && !cache.snapshot().isStale());
    }

    @Test
    void evenASmallDropAfterAReconnectWaitsForTheConfirmingRead() throws Exception {
        WatchedServiceCache cache = outageDropping(List.of("a", "b", "c"), List.of("d"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> cache.snapshot().size() == 4 && cache.snapshot().isStale());
        clock.advance(SETTLE.plusSeconds(1));
        cache.confirmNow();
        await().until(() -> ids(cache.snapshot()).equals(List.of("a", "b", "c")) && !cache.snapshot().isStale());
    }

    @Test
    void inSteadyStateEveryDropIsAppliedAtOnceIncludingTheLastInstance() throws Exception {
        Backend writer = h.backend();
        Backend bulk = h.backend();
        EphemeralHandle a = register(writer, "a");
        for (String id : List.of("b", "c", "d", "e")) {
            register(bulk, id);
        }
        WatchedServiceCache cache = h.cache(h.backend(), SETTINGS, clock);
        await().until(() -> cache.snapshot().size() == 5);
        clock.advance(SETTLE.plusSeconds(1)); // past the settle window every cache starts with
        bulk.close(); // 4 of 5 at once
        await().until(() -> ids(cache.snapshot()).equals(List.of("a")));
        a.delete().get(); // the last one
        await().until(() -> cache.snapshot().isEmpty());
        assertThat(cache.snapshot().isStale()).isFalse();
    }

    @Test
    void whileADropIsHeldNewInstancesAndUpdatesArePublishedAtOnce() throws Exception {
        WatchedServiceCache cache = outageDropping(List.of(), List.of("a", "b", "c"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> ids(cache.snapshot()).equals(List.of("a", "b", "c")) && cache.snapshot().isStale());
        Backend arriving = h.backend();
        for (String id : List.of("x", "y", "z")) {
            register(arriving, id);
        }
        // the window is an hour long: the new ones must not wait for it
        await().atMost(Duration.ofSeconds(5)).until(() -> ids(cache.snapshot()).containsAll(List.of("x", "y", "z")));
        assertThat(ids(cache.snapshot())).as("removals are still held").contains("a", "b", "c");

        clock.advance(SETTLE.plusSeconds(1));
        cache.confirmNow();
        await().until(() -> ids(cache.snapshot()).equals(List.of("x", "y", "z")) && !cache.snapshot().isStale());
    }

    @Test
    void aWallClockStepBackwardsDoesNotStretchAHold() throws Exception {
        WatchedServiceCache cache = outageDropping(List.of("a"), List.of("b", "c", "d"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> cache.snapshot().size() == 4 && cache.snapshot().isStale());
        clock.advance(SETTLE.plusSeconds(1)); // the window has passed...
        clock.stepWallClock(Duration.ofHours(-3)); // ...and then the wall clock is set back
        cache.confirmNow();
        await().atMost(Duration.ofSeconds(5)).until(() -> ids(cache.snapshot()).equals(List.of("a"))
                && !cache.snapshot().isStale());
    }

    @Test
    void removalsInTheFirstWindowAfterOpeningAreHeldUntilConfirmed() throws Exception {
        Backend stays = h.backend();
        Backend leaves = h.backend();
        register(stays, "a");
        for (String id : List.of("b", "c", "d")) {
            register(leaves, id);
        }
        WatchedServiceCache cache = h.cache(h.backend(), SETTINGS, clock);
        await().until(() -> cache.snapshot().size() == 4);
        List<InstanceSet> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        cache.addListener(c -> published.add(c.current()));
        leaves.close(); // as an old session's records expiring right after the cache opened
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> cache.snapshot().size() == 4 && cache.snapshot().isStale());
        assertThat(published).noneMatch(set -> set.size() < 4);

        clock.advance(SETTLE.plusSeconds(1));
        cache.confirmNow();
        await().until(() -> ids(cache.snapshot()).equals(List.of("a")) && !cache.snapshot().isStale());
    }

    @Test
    void aHeldRemovalKeepsTheLatestDataNotTheBaselines() throws Exception {
        Backend writer = h.backend();
        register(writer, "a");
        EphemeralHandle b = register(writer, "b");
        WatchedServiceCache cache = h.cache(h.backend(), SETTINGS, clock); // inside its first window
        await().until(() -> cache.snapshot().size() == 2);
        List<io.sextant.InstanceStatus> statusesOfB = new java.util.concurrent.CopyOnWriteArrayList<>();
        cache.addListener(c -> {
            ServiceInstance now = c.current().byId("b");
            statusesOfB.add(now == null ? null : now.status());
        });
        b.update(io.sextant.spi.support.RecordCodec.encode(Fixtures.instance(SERVICE, "b").toBuilder()
                .status(io.sextant.InstanceStatus.DRAINING).build())).get();
        await().until(() -> cache.snapshot().byId("b").status() == io.sextant.InstanceStatus.DRAINING);
        b.delete().get(); // held: the window is still on
        await().until(() -> cache.snapshot().isStale());
        assertThat(cache.snapshot().byId("b").status()).isEqualTo(io.sextant.InstanceStatus.DRAINING);
        assertThat(statusesOfB).doesNotContain(io.sextant.InstanceStatus.UP);
    }

    @Test
    void theRuleItself() {
        InstanceSet four = InstanceSet.of(SERVICE, List.of(Fixtures.instance(SERVICE, "a"), Fixtures.instance(SERVICE, "b"),
                Fixtures.instance(SERVICE, "c"), Fixtures.instance(SERVICE, "d")), 1);
        assertThat(ProtectionRule.isMassDrop(four, Set.of(), 0.5)).isTrue();
        assertThat(ProtectionRule.isMassDrop(four, Set.of("a"), 0.5)).isTrue();
        assertThat(ProtectionRule.isMassDrop(four, Set.of("a", "b"), 0.5)).isFalse();
        assertThat(ProtectionRule.isMassDrop(four, Set.of("a", "b", "c", "d", "e"), 0.5)).isFalse();
        assertThat(ProtectionRule.isMassDrop(four, Set.of("a", "b", "c"), 0.0)).isTrue();
        assertThat(ProtectionRule.isMassDrop(four, Set.of(), 1.0)).isTrue(); // emptying is always protected
        assertThat(ProtectionRule.isMassDrop(InstanceSet.empty(SERVICE), Set.of(), 0.5)).isFalse();
        assertThat(ProtectionRule.shouldHold(true, true, false, false)).isTrue();
        assertThat(ProtectionRule.shouldHold(true, false, true, false)).isTrue();
        assertThat(ProtectionRule.shouldHold(true, false, false, false)).isFalse();
        assertThat(ProtectionRule.shouldHold(true, true, true, true)).isFalse();
        assertThat(ProtectionRule.shouldHold(false, true, true, false)).isFalse();
    }
}
