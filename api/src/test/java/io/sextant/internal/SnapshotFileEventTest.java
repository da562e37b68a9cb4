package io.sextant.internal;

import io.sextant.Registry;
import io.sextant.RegistryEvent;
import io.sextant.ServiceCache;
import io.sextant.SnapshotFileLoadedEvent;
import io.sextant.memory.MemoryServer;
import io.sextant.testkit.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A cache that starts from its snapshot file reports it on the event stream (it is loaded before anyone listens). */
@Timeout(30)
class SnapshotFileEventTest {
    private final String serverName = Fixtures.uniqueServer();
    private final MemoryServer server = MemoryServer.named(serverName);

    @AfterEach
    void reset() {
        server.reset();
    }

    @Test
    void aSnapshotFileLoadIsAnEvent(@TempDir Path dir) throws Exception {
        Registry registrant = Registry.open(Fixtures.memoryConfig(serverName).build());
        registrant.register(Fixtures.instance("orders", "a"));
        try (Registry first = Registry.open(Fixtures.memoryConfig(serverName).snapshotDir(dir.toString()).build())) {
            ServiceCache cache = first.cache("orders");
            await().until(() -> cache.snapshot().size() == 1);
            await().until(() -> {
                try (Stream<Path> files = Files.list(dir)) {
                    return files.findAny().isPresent();
                }
            });
        }
        try (Registry second = Registry.open(Fixtures.memoryConfig(serverName).snapshotDir(dir.toString()).build())) {
            List<RegistryEvent> events = new CopyOnWriteArrayList<>();
            second.addEventListener(events::add);
            second.cache("orders");
            await().until(() -> events.stream().anyMatch(e -> e instanceof SnapshotFileLoadedEvent));
            SnapshotFileLoadedEvent loaded = events.stream().filter(e -> e instanceof SnapshotFileLoadedEvent)
                    .map(SnapshotFileLoadedEvent.class::cast).findFirst().orElseThrow();
            assertThat(loaded.service()).isEqualTo("orders");
            assertThat(loaded.instances()).isEqualTo(1);
        } finally {
            registrant.close();
        }
    }
}
