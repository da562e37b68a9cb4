package io.sextant.internal.cache;

import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;
import io.sextant.spi.Backend;
import io.sextant.testkit.Fixtures;
import io.sextant.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.sextant.internal.cache.CacheHarness.SERVICE;
import static io.sextant.internal.cache.CacheHarness.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class SnapshotFileTest {
    @TempDir
    Path dir;

    private final CacheHarness h = new CacheHarness();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private CacheSettings settings() {
        return new CacheSettings(0.5, Duration.ofSeconds(2), Duration.ofSeconds(2), dir.resolve("ns--orders.json"));
    }

    private static List<String> ids(InstanceSet set) {
        return set.instances().stream().map(ServiceInstance::id).toList();
    }

    @Test
    void roundTripKeepsInstancesAndTheSaveTime() {
        SnapshotFile file = new SnapshotFile(dir.resolve("sub/x.json"));
        InstanceSet set = InstanceSet.of(SERVICE, List.of(Fixtures.instance(SERVICE, "b"),
                Fixtures.instance(SERVICE, "a").toBuilder().metadata(java.util.Map.of("k", "v")).build()), 3);
        file.save(set, clock.instant());
        SnapshotFile.Loaded loaded = file.load(SERVICE);
        assertThat(loaded.savedAt()).isEqualTo(clock.instant());
        assertThat(InstanceSet.of(SERVICE, loaded.instances(), 0).sameInstances(set)).isTrue();
        assertThat(file.load("payments")).isNull();
        assertThat(new SnapshotFile(dir.resolve("absent.json")).load(SERVICE)).isNull();
    }

    @Test
    void aCorruptFileIsIgnored() throws Exception {
        Path path = dir.resolve("bad.json");
        Files.writeString(path, "{\"v\":1,\"service\":\"orders\",\"savedAt\":\"2026-01-01T00:00:00Z\",\"instances\":[{\"v\":1}]}");
        assertThat(new SnapshotFile(path).load(SERVICE)).isNull();
        Files.writeString(path, "garbage");
        assertThat(new SnapshotFile(path).load(SERVICE)).isNull();
    }

    @Test
    void aCacheStartedWhileTheServerIsDownServesTheLastGoodSetMarkedStaleUntilTheBackendAnswers() throws Exception {
        Backend writer = h.backend();
        register(writer, "a");
        register(writer, "b");
        WatchedServiceCache first = h.cache(h.backend(), settings(), clock);
        await().until(() -> first.snapshot().size() == 2);
        Path file = settings().snapshotFile();
        await().until(() -> Files.exists(file) && new SnapshotFile(file).load(SERVICE) != null
                && new SnapshotFile(file).load(SERVICE).instances().size() == 2);
        first.close();

        Backend reader = h.backend();
        h.server.stop();
        clock.advance(Duration.ofSeconds(1));
        WatchedServiceCache second = h.cache(reader, settings(), clock);
        assertThat(second.isReady()).isTrue();
        assertThat(ids(second.snapshot())).containsExactly("a", "b");
        assertThat(second.snapshot().isStale()).isTrue();
        assertThat(second.snapshot().staleness(clock)).isEqualTo(Duration.ofSeconds(1));

        h.server.start();
        await().until(() -> !second.snapshot().isStale());
        assertThat(ids(second.snapshot())).containsExactly("a", "b");
    }

    @Test
    void withoutAFileTheCacheIsNotReadyUntilTheFirstSnapshot() throws Exception {
        Backend reader = h.backend();
        h.server.stop();
        WatchedServiceCache cache = h.cache(reader, settings(), clock);
        assertThat(cache.isReady()).isFalse();
        assertThat(cache.awaitReady(Duration.ofMillis(50))).isFalse();
        h.server.start();
        assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();
        await().until(() -> !cache.snapshot().isStale());
    }
}
