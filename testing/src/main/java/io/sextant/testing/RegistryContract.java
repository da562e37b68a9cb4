package io.sextant.testing;

import io.sextant.InstanceSet;
import io.sextant.InstanceSetChange;
import io.sextant.InstanceStatus;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every backend must show, written once against the public API. A backend's test
 * class extends this and supplies its {@link BackendFixture}; a difference between backends is a bug.
 *
 * <p>Each test works in a namespace of its own on the shared fixture.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class RegistryContract {

    private BackendFixture fixture;
    private String namespace;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Starts the backend under test. */
    protected abstract BackendFixture createFixture() throws Exception;

    @BeforeAll
    public void startFixture() throws Exception {
        fixture = createFixture();
    }

    @AfterAll
    public void stopFixture() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    public void freshNamespace() {
        namespace = "contract-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    @AfterEach
    public void closeEverything() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // a test that hurt the backend may leave clients that cannot close cleanly
            }
        }
        opened.clear();
    }

    /** A config for this test's namespace. */
    protected SextantConfig config() {
        return fixture.config().namespace(namespace).supervisorInterval(Duration.ofSeconds(1)).build();
    }

    protected Registry open() {
        return open(config());
    }

    protected Registry open(SextantConfig config) {
        Registry r = Registry.open(config);
        opened.add(r);
        return r;
    }

    protected Duration ttl() {
        return fixture.ttl();
    }

    /** Long enough for anything that waits on a TTL plus recovery, on a loaded 2-core machine. */
    private Duration patience() {
        return ttl().multipliedBy(4).plusSeconds(20);
    }

    private static ServiceInstance instance(String service, String id) {
        return ServiceInstance.builder(service).id(id).host("127.0.0.1").port(8000 + Math.floorMod(id.hashCode(), 1000))
                .build();
    }

    private static Set<String> ids(InstanceSet set) {
        return set.instances().stream().map(ServiceInstance::id).collect(Collectors.toSet());
    }

    private static ServiceCache readyCache(Registry registry, String service) throws InterruptedException {
        ServiceCache cache = registry.cache(service);
        assertThat(cache.awaitReady(Duration.ofSeconds(20))).as("cache of %s ready", service).isTrue();
        return cache;
    }

    @Test
    public void registerUpdateAndDeregisterAreSeenByAnotherClient() throws Exception {
        Registry writer = open();
        Registry reader = open();
        ServiceCache cache = readyCache(reader, "orders");
        assertThat(cache.snapshot().isEmpty()).isTrue();

        Registration reg = writer.register(ServiceInstance.builder("orders").id("o-1").host("10.0.0.5").port(8080)
                .zone("eu-1a").metadata(Map.of("version", "1")).build());
        await().atMost(patience()).until(() -> cache.snapshot().byId("o-1") != null);
        ServiceInstance seen = cache.snapshot().byId("o-1");
        assertThat(seen).isEqualTo(reg.instance());
        assertThat(seen.zone()).isEqualTo("eu-1a");

        reg.updateWeight(7).get(10, TimeUnit.SECONDS);
        await().atMost(patience()).until(() -> cache.snapshot().byId("o-1").weight() == 7);
        reg.updateStatus(InstanceStatus.DRAINING).get(10, TimeUnit.SECONDS);
        reg.updateMetadata(Map.of("version", "2")).get(10, TimeUnit.SECONDS);
        await().atMost(patience()).until(() -> cache.snapshot().byId("o-1").metadata().equals(Map.of("version", "2")));
        assertThat(cache.snapshot().byId("o-1").status()).isEqualTo(InstanceStatus.DRAINING);
        assertThat(cache.snapshot().byId("o-1").weight()).isEqualTo(7);

        reg.close();
        assertThat(reg.isClosed()).isTrue();
        await().atMost(patience()).until(() -> cache.snapshot().isEmpty());
        assertThat(cache.snapshot().isStale()).isFalse();
    }

    @Test
    public void updateCannotChangeIdentityAndDuplicatesAreRefused() throws Exception {
        Registry writer = open();
        Registration reg = writer.register(instance("orders", "a"));
        assertThatThrownBy(() -> reg.update(instance("orders", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.register(instance("orders", "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a");
        assertThatThrownBy(() -> writer.cache("Not A Service")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service");
    }

    @Test
    public void unknownBackendNameListsTheAvailableOnes() {
        SextantConfig bad = config().toBuilder().backend("no-such-backend").build();
        assertThatThrownBy(() -> Registry.open(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-backend")
                .hasMessageContaining(fixture.name());
    }

    @Test
    public void manyServicesAreKeptApart() throws Exception {
        Registry writer = open();
        Registry reader = open();
        int services = 20;
        List<CompletableFuture<Registration>> pending = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            for (int i = 0; i <= s % 3; i++) {
                pending.add(writer.registerAsync(instance("svc-" + s, "i-" + i)));
            }
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);

        await().atMost(patience()).untilAsserted(() -> assertThat(reader.services().get(10, TimeUnit.SECONDS))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, services).mapToObj(s -> "svc-" + s).toList()));
        for (int s = 0; s < services; s++) {
            ServiceCache cache = readyCache(reader, "svc-" + s);
            int expected = s % 3 + 1;
            await().atMost(patience()).until(() -> cache.snapshot().size() == expected);
            assertThat(cache.snapshot().instances()).allMatch(i -> i.service().equals(cache.service()));
        }
    }

    @Test
    public void aThousandInstancesOfOneService() throws Exception {
        Registry writer = open();
        Registry reader = open();
        ServiceCache cache = readyCache(reader, "big");
        List<CompletableFuture<Registration>> pending = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pending.add(writer.registerAsync(instance("big", String.format("i-%04d", i))));
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
        await().atMost(patience()).until(() -> cache.snapshot().size() == 1000);
        assertThat(cache.snapshot().get(0).id()).isEqualTo("i-0000");
        assertThat(cache.snapshot().get(999).id()).isEqualTo("i-0999");

        // A second client starting now gets all of them in its first snapshot.
        Registry late = open();
        ServiceCache lateCache = readyCache(late, "big");
        assertThat(lateCache.snapshot().size()).isEqualTo(1000);

        // Steady-state deregistration of half is applied, not held back as a mass drop.
        for (int i = 0; i < 1000; i += 2) {
            pending.get(i).join().close();
        }
        await().atMost(patience()).until(() -> cache.snapshot().size() == 500);
        assertThat(cache.snapshot().instances()).allMatch(i -> Integer.parseInt(i.id().substring(2)) % 2 == 1);
        assertThat(cache.snapshot().isStale()).isFalse();
    }

    @Test
    public void listenersGetDiffsInOrder() throws Exception {
        Registry writer = open();
        Registry reader = open();
        ServiceCache cache = readyCache(reader, "diffs");
        List<InstanceSetChange> changes = new CopyOnWriteArrayList<>();
        cache.addListener(changes::add);

        Registration a = writer.register(instance("diffs", "a"));
        await().atMost(patience()).until(() -> cache.snapshot().size() == 1);
        Registration b = writer.register(instance("diffs", "b"));
        await().atMost(patience()).until(() -> cache.snapshot().size() == 2);
        a.updateWeight(5).get(10, TimeUnit.SECONDS);
        await().atMost(patience()).until(() -> cache.snapshot().byId("a").weight() == 5);
        b.close();
        await().atMost(patience()).until(() -> cache.snapshot().size() == 1);
        a.close();
        await().atMost(patience()).until(() -> cache.snapshot().isEmpty());

        List<InstanceSetChange> real = changes.stream().filter(InstanceSetChange::hasInstanceChanges).toList();
        assertThat(real).hasSize(5);
        assertThat(real.get(0).added()).extracting(ServiceInstance::id).containsExactly("a");
        assertThat(real.get(1).added()).extracting(ServiceInstance::id).containsExactly("b");
        assertThat(real.get(2).updated()).singleElement().satisfies(u -> {
            assertThat(u.previous().weight()).isEqualTo(100);
            assertThat(u.current().weight()).isEqualTo(5);
        });
        assertThat(real.get(3).removed()).extracting(ServiceInstance::id).containsExactly("b");
        assertThat(real.get(4).removed()).extracting(ServiceInstance::id).containsExactly("a");
        for (InstanceSetChange c : changes) {
            assertThat(c.current().revision()).isGreaterThan(c.previous().revision());
            assertDiffIsExact(c);
        }
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).previous()).isSameAs(changes.get(i - 1).current());
        }
    }

    private static void assertDiffIsExact(InstanceSetChange c) {
        Set<String> before = ids(c.previous());
        Set<String> after = ids(c.current());
        assertThat(c.added()).extracting(ServiceInstance::id)
                .containsExactlyInAnyOrderElementsOf(after.stream().filter(id -> !before.contains(id)).toList());
        assertThat(c.removed()).extracting(ServiceInstance::id)
                .containsExactlyInAnyOrderElementsOf(before.stream().filter(id -> !after.contains(id)).toList());
        for (var u : c.updated()) {
            assertThat(u.previous()).isEqualTo(c.previous().byId(u.previous().id())).isNotEqualTo(u.current());
            assertThat(u.current()).isEqualTo(c.current().byId(u.current().id()));
        }
    }

    @Test
    public void awaitReadyReturnsWithTheFirstFullRead() throws Exception {
        Registry writer = open();
        for (int i = 0; i < 5; i++) {
            writer.register(instance("ready", "r-" + i));
        }
        Registry reader = open();
        ServiceCache cache = reader.cache("ready");
        assertThat(cache.awaitReady(Duration.ofSeconds(20))).isTrue();
        assertThat(cache.isReady()).isTrue();
        assertThat(cache.snapshot().size()).isEqualTo(5);
        assertThat(cache.snapshot().revision()).isPositive();

        ServiceCache empty = reader.cache("nobody-here");
        assertThat(empty.awaitReady(Duration.ofSeconds(20))).isTrue();
        assertThat(empty.snapshot().isEmpty()).isTrue();
        ServiceCache again = reader.cache("ready"); // a new handle on the same watch: ready at once, same set
        assertThat(again).isNotSameAs(cache);
        assertThat(again.isReady()).isTrue();
        assertThat(again.snapshot()).isSameAs(cache.snapshot());
    }

    @Test
    public void corruptRecordsAreSkippedCountedAndDoNotBreakTheWatch() throws Exception {
        Registry writer = open();
        Registry reader = open();
        writer.register(instance("mixed", "good-1"));
        Backend raw = RawBackends.open(config());
        opened.add(raw);
        raw.putEphemeral("/services/mixed/garbage", "{not json".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        // Valid JSON whose id does not match its key is as corrupt as garbage.
        raw.putEphemeral("/services/mixed/liar", io.sextant.spi.support.RecordCodec.encode(instance("mixed", "someone-else")))
                .get(10, TimeUnit.SECONDS);

        ServiceCache cache = readyCache(reader, "mixed");
        await().atMost(patience()).until(() -> cache.corruptRecordCount() >= 2);
        assertThat(ids(cache.snapshot())).containsExactly("good-1");

        // The watch still works after the bad records: later changes arrive.
        writer.register(instance("mixed", "good-2"));
        raw.putEphemeral("/services/mixed/garbage-2", new byte[] {0, 1, 2}).get(10, TimeUnit.SECONDS);
        await().atMost(patience()).until(() -> cache.snapshot().size() == 2);
        await().atMost(patience()).until(() -> cache.corruptRecordCount() >= 3);
        assertThat(ids(cache.snapshot())).containsExactlyInAnyOrder("good-1", "good-2");
        assertThat(reader.stats().corruptRecords()).isGreaterThanOrEqualTo(3);
    }

    @Test
    public void closingTheRegistryDeregistersEverything() throws Exception {
        Registry writer = open();
        Registry reader = open();
        ServiceCache a = readyCache(reader, "close-a");
        ServiceCache b = readyCache(reader, "close-b");
        writer.register(instance("close-a", "1"));
        writer.register(instance("close-a", "2"));
        writer.register(instance("close-b", "1"));
        await().atMost(patience()).until(() -> a.snapshot().size() == 2 && b.snapshot().size() == 1);
        assertThat(writer.stats().registrations()).isEqualTo(3);
        writer.close();
        // Deleted at once, not after the TTL.
        await().atMost(ttl().dividedBy(2).plusMillis(500)).until(() -> a.snapshot().isEmpty() && b.snapshot().isEmpty());
    }

    @Test
    public void sessionLossIsRepairedWithTheLatestData() throws Exception {
        Registry writer = open();
        Registry reader = open();
        ServiceCache cache = readyCache(reader, "expiry");
        Registration reg = writer.register(instance("expiry", "x"));
        Registration other = writer.register(instance("expiry", "y"));
        reg.updateWeight(3).get(10, TimeUnit.SECONDS);
        await().atMost(patience()).until(() -> cache.snapshot().size() == 2);

        fixture.expireOwnerOf(config(), "/services/expiry/x");

        await().atMost(patience()).untilAsserted(() -> {
            InstanceSet now = cache.snapshot();
            assertThat(ids(now)).containsExactlyInAnyOrder("x", "y");
            assertThat(now.byId("x").weight()).isEqualTo(3);
            assertThat(now.isStale()).isFalse();
        });
        assertThat(reg.isClosed()).isFalse();
        assertThat(other.instance().id()).isEqualTo("y");
        // The registry can still update after the loss.
        reg.updateWeight(4).get(20, TimeUnit.SECONDS);
        await().atMost(patience()).until(() -> cache.snapshot().byId("x").weight() == 4);
    }

    @Test
    public void outageServesStaleNeverEmptyAndRestoresDataUpdatedDuringIt() throws Exception {
        Registry writer = open();
        Registry reader = open();
        ServiceCache cache = readyCache(reader, "outage");
        List<Registration> regs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            regs.add(writer.register(instance("outage", "o-" + i)));
        }
        await().atMost(patience()).until(() -> cache.snapshot().size() == 3);
        List<InstanceSet> published = new CopyOnWriteArrayList<>();
        cache.addListener(c -> published.add(c.current()));

        fixture.stopAll();
        try {
            await().atMost(patience()).until(() -> cache.snapshot().isStale());
            InstanceSet stale = cache.snapshot();
            assertThat(stale.size()).isEqualTo(3);
            assertThat(stale.staleSince()).isNotNull();
            // Updated while the backend is down: the local data changes now, the backend gets it later.
            CompletableFuture<Void> duringOutage = regs.get(0).updateWeight(9);
            assertThat(regs.get(0).instance().weight()).isEqualTo(9);
            // Stay down longer than the TTL so leases and sessions are really lost.
            long downSince = System.nanoTime();
            await().atMost(patience()).pollDelay(Duration.ofMillis(200))
                    .until(() -> System.nanoTime() - downSince > ttl().plusSeconds(1).toNanos());
            assertThat(cache.snapshot().size()).isEqualTo(3);
            duringOutage.exceptionally(e -> null);
        } finally {
            fixture.startAll();
        }

        await().atMost(patience()).untilAsserted(() -> {
            InstanceSet now = cache.snapshot();
            assertThat(ids(now)).containsExactlyInAnyOrder("o-0", "o-1", "o-2");
            assertThat(now.byId("o-0").weight()).isEqualTo(9);
            assertThat(now.isStale()).isFalse();
        });
        assertThat(published).as("sets published during and after the outage").noneMatch(InstanceSet::isEmpty);
        // And ordinary changes flow again afterwards.
        regs.get(1).close();
        await().atMost(patience()).until(() -> cache.snapshot().size() == 2);
    }

    /**
     * A held mass drop holds back removals only: instances that register while old ones are held are
     * published at once (the settle window is made far longer than this test waits).
     */
    @Test
    public void newInstancesArePublishedAtOnceWhileADropIsHeld() throws Exception {
        Registry leaving = open();
        Registry arriving = open();
        Registry reader = open(fixture.config().namespace(namespace).supervisorInterval(Duration.ofSeconds(1))
                .set("sextant.cache.settle.window", "600s").build());
        ServiceCache cache = readyCache(reader, "replaced");
        for (int i = 0; i < 3; i++) {
            leaving.register(instance("replaced", "old-" + i));
        }
        await().atMost(patience()).until(() -> cache.snapshot().size() == 3);

        fixture.stopAll();
        try {
            await().atMost(patience()).until(() -> cache.snapshot().isStale());
            leaving.close(); // its records go with its lease or session, not by a delete
        } finally {
            fixture.startAll();
        }
        Backend raw = RawBackends.open(config());
        opened.add(raw);
        await().atMost(patience()).until(() -> raw.list("/services/replaced/").get(10, TimeUnit.SECONDS).isEmpty());
        for (int i = 0; i < 3; i++) {
            arriving.register(instance("replaced", "new-" + i));
        }
        await().atMost(patience()).untilAsserted(() ->
                assertThat(ids(cache.snapshot())).contains("new-0", "new-1", "new-2"));
    }

    /**
     * A service restarting during a registry outage: open succeeds at once from the snapshot file (20
     * instances, stale), a registration made meanwhile is queued, and once the backend is back the cache
     * converges (an instance that died meanwhile goes, a new one comes) and the queued one is written.
     */
    @Test
    public void opensFromTheSnapshotFileWhileTheBackendIsDownThenConverges(@TempDir Path dir) throws Exception {
        Registry stays = open();
        Registry dies = open();
        for (int i = 0; i < 19; i++) {
            stays.register(instance("cold", "s-" + i));
        }
        dies.register(instance("cold", "dying"));
        SextantConfig withFile = fixture.config().namespace(namespace).supervisorInterval(Duration.ofSeconds(1))
                .snapshotDir(dir.toString()).build();
        try (Registry earlier = Registry.open(withFile)) {
            ServiceCache warm = readyCache(earlier, "cold");
            await().atMost(patience()).until(() -> warm.snapshot().size() == 20);
            await().atMost(patience()).until(() -> java.nio.file.Files.list(dir)
                    .anyMatch(f -> readQuietly(f).contains("dying") && readQuietly(f).contains("s-18")));
        }

        Registry cold;
        ServiceCache cache;
        fixture.stopAll();
        try {
            dies.close(); // its record goes with its lease or session
            long start = System.nanoTime();
            cold = open(withFile);
            cache = cold.cache("cold");
            long openMillis = (System.nanoTime() - start) / 1_000_000;
            org.slf4j.LoggerFactory.getLogger(RegistryContract.class).info("{}: opened with the backend down in {} ms",
                    fixture.name(), openMillis);
            assertThat(cache.isReady()).as("ready from the snapshot file").isTrue();
            assertThat(cache.snapshot().size()).isEqualTo(20);
            assertThat(cache.snapshot().isStale()).isTrue();
            cold.register(instance("cold", "queued"));
            assertThat(cold.health().pending()).isEqualTo(1);
            assertThat(cold.health().isHealthy()).isFalse();
        } finally {
            fixture.startAll();
        }
        open().register(instance("cold", "new-1"));
        Set<String> expected = IntStream.range(0, 19).mapToObj(i -> "s-" + i).collect(Collectors.toSet());
        expected.add("new-1");
        expected.add("queued");
        ServiceCache converging = cache;
        await().atMost(patience().multipliedBy(2)).untilAsserted(() -> {
            assertThat(ids(converging.snapshot())).isEqualTo(expected);
            assertThat(converging.snapshot().isStale()).isFalse();
        });
        await().atMost(patience()).until(() -> cold.health().pending() == 0 && cold.health().isHealthy());
    }

    private static String readQuietly(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /**
     * A cache opened right after the cluster comes back from an outage longer than the TTL reads the
     * old sessions' records, which then expire and are re-created by their owners: no listener may see
     * that drop (3 rounds).
     */
    @Test
    public void aCacheOpenedRightAfterARestartNeverPublishesTheOldSessionsExpiring() throws Exception {
        Registry writer = open();
        for (int i = 0; i < 20; i++) {
            writer.register(instance("restart", "r-" + i));
        }
        for (int round = 0; round < 3; round++) {
            fixture.stopAll();
            try {
                long downSince = System.nanoTime();
                await().atMost(patience()).pollDelay(Duration.ofMillis(200))
                        .until(() -> System.nanoTime() - downSince > ttl().plusSeconds(1).toNanos());
            } finally {
                fixture.startAll();
            }
            Registry reader = open();
            ServiceCache cache = reader.cache("restart");
            List<Integer> sizes = new CopyOnWriteArrayList<>();
            cache.addListener(c -> sizes.add(c.current().size()));
            assertThat(cache.awaitReady(Duration.ofSeconds(20))).isTrue();
            int first = cache.snapshot().size();
            // the writer's records come back under its new lease or session, and the cache settles
            await().atMost(patience().multipliedBy(2)).until(() -> cache.snapshot().size() == 20
                    && !cache.snapshot().isStale() && writer.health().isHealthy());
            await().pollDelay(ttl().plusSeconds(3)).atMost(patience()).until(() -> cache.snapshot().size() == 20);
            List<Integer> seen = new ArrayList<>();
            seen.add(first);
            seen.addAll(sizes);
            for (int i = 1; i < seen.size(); i++) {
                assertThat(seen.get(i)).as("round %d: sizes published after opening %s never drop", round, seen)
                        .isGreaterThanOrEqualTo(seen.get(i - 1));
            }
            reader.close();
        }
    }

    /** Without a snapshot file and without {@code sextant.start.offline}, open still fails fast. */
    @Test
    public void withoutTheOptionOpenFailsFastWhileTheBackendIsDown() throws Exception {
        assumeTrue(!fixture.name().equals("memory"), "the in-process server accepts clients while stopped");
        fixture.stopAll();
        try {
            assertThatThrownBy(() -> open()).isInstanceOf(io.sextant.BackendUnavailableException.class);
        } finally {
            fixture.startAll();
        }
    }

    /** Convenience updates from two threads at once lose nothing: each applies to the latest data. */
    @Test
    public void concurrentUpdatesOfOneRegistrationLoseNothing() throws Exception {
        Registry writer = open();
        Registry reader = open();
        ServiceCache cache = readyCache(reader, "racing");
        Registration reg = writer.register(instance("racing", "r"));
        int rounds = 1000;
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
        List<String> lost = new CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> weights = CompletableFuture.runAsync(() -> {
                for (int k = 1; k <= rounds; k++) {
                    awaitBarrier(barrier);
                    reg.updateWeight(k);
                    awaitBarrier(barrier);
                    ServiceInstance now = reg.instance();
                    if (now.weight() != k || !String.valueOf(k).equals(now.metadata().get("round"))) {
                        lost.add("round " + k + ": " + now.weight() + "/" + now.metadata());
                    }
                }
            }, two);
            CompletableFuture<Void> metadata = CompletableFuture.runAsync(() -> {
                for (int k = 1; k <= rounds; k++) {
                    awaitBarrier(barrier);
                    reg.updateMetadata(Map.of("round", String.valueOf(k)));
                    awaitBarrier(barrier);
                }
            }, two);
            CompletableFuture.allOf(weights, metadata).get(100, TimeUnit.SECONDS);
        } finally {
            two.shutdownNow();
        }
        assertThat(lost).as("rounds whose update was lost").isEmpty();
        await().atMost(patience()).untilAsserted(() -> {
            ServiceInstance seen = cache.snapshot().byId("r");
            assertThat(seen).isNotNull();
            assertThat(seen.weight()).isEqualTo(rounds);
            assertThat(seen.metadata()).containsEntry("round", String.valueOf(rounds));
        });
    }

    private static void awaitBarrier(java.util.concurrent.CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every caller gets its own cache handle; closing one leaves the others live. */
    @Test
    public void closingOneCacheHandleLeavesTheOthersLive() throws Exception {
        Registry writer = open();
        Registry reader = open();
        ServiceCache first = readyCache(reader, "shared");
        ServiceCache second = readyCache(reader, "shared");
        writer.register(instance("shared", "a"));
        await().atMost(patience()).until(() -> second.snapshot().size() == 1);

        first.close();
        assertThatThrownBy(first::snapshot).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shared").hasMessageContaining("closed");
        writer.register(instance("shared", "b"));
        await().atMost(patience()).until(() -> ids(second.snapshot()).equals(Set.of("a", "b")));
        ServiceCache third = readyCache(reader, "shared");
        assertThat(ids(third.snapshot())).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    public void aKeyDeletedBehindTheRegistrysBackIsPutBack() throws Exception {
        Registry writer = open();
        Registry reader = open();
        ServiceCache cache = readyCache(reader, "repair");
        Registration reg = writer.register(instance("repair", "r"));
        reg.updateMetadata(Map.of("k", "v")).get(10, TimeUnit.SECONDS);
        await().atMost(patience()).until(() -> cache.snapshot().size() == 1
                && cache.snapshot().byId("r").metadata().equals(Map.of("k", "v")));
        Backend raw = RawBackends.open(config());
        opened.add(raw);
        assertThat(raw.delete("/services/repair/r").get(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(patience()).until(() -> raw.get("/services/repair/r").get(10, TimeUnit.SECONDS).isPresent());
        await().atMost(patience()).untilAsserted(() -> assertThat(cache.snapshot().byId("r"))
                .isEqualTo(reg.instance()));
    }

    @Test
    public void aKilledProcessDisappearsAfterItsTtlAndNotBefore(@TempDir Path tmp) throws Exception {
        assumeTrue(fixture.reachableFromOtherProcesses(), "backend not reachable from another JVM");
        Registry reader = open();
        ServiceCache cache = readyCache(reader, "victim");
        Registry survivor = open();
        survivor.register(instance("victim", "survivor"));
        try (ChildRegistrant child = ChildRegistrant.start(config(), "victim", 3, tmp.resolve("child.log"))) {
            await().atMost(patience()).until(() -> cache.snapshot().size() == 4);
            List<Long> removedAfterNanos = new CopyOnWriteArrayList<>();
            long killedAt = System.nanoTime();
            cache.addListener(c -> {
                if (!c.removed().isEmpty()) {
                    removedAfterNanos.add(System.nanoTime() - killedAt);
                }
            });
            child.kill9();
            await().atMost(patience()).until(() -> cache.snapshot().size() == 1);
            assertThat(ids(cache.snapshot())).containsExactly("survivor");
            long first = removedAfterNanos.get(0);
            // Keep-alives / pings run every TTL/3, so the cluster expires the owner between 2/3 TTL and TTL
            // after the kill; anything earlier is a premature removal.
            assertThat(Duration.ofNanos(first)).as("removal after kill -9")
                    .isGreaterThanOrEqualTo(ttl().multipliedBy(2).dividedBy(3).minusMillis(300));
        }
    }
}
