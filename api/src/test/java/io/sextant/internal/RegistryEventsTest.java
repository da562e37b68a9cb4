package io.sextant.internal;

import io.sextant.CacheHealth;
import io.sextant.CacheUpdatedEvent;
import io.sextant.ConnectionStateChangedEvent;
import io.sextant.CorruptRecordSkippedEvent;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.RegistryEvent;
import io.sextant.RegistryHealth;
import io.sextant.ServiceCache;
import io.sextant.memory.MemoryServer;
import io.sextant.spi.ConnectionState;
import io.sextant.testkit.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The public health surface and event stream of a registry, on the memory backend. */
@Timeout(30)
class RegistryEventsTest {
    private final String serverName = Fixtures.uniqueServer();
    private final MemoryServer server = MemoryServer.named(serverName);
    private final List<Registry> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Registry::close);
        server.reset();
    }

    private Registry open() {
        Registry r = Registry.open(Fixtures.memoryConfig(serverName).supervisorInterval(Duration.ofMillis(500)).build());
        opened.add(r);
        return r;
    }

    @Test
    void stateListenersSeeEveryConnectionChangeWithItsTime() {
        Registry registry = open();
        List<ConnectionStateChangedEvent> seen = new CopyOnWriteArrayList<>();
        registry.addStateListener(seen::add);
        Instant before = Instant.now();
        server.stop();
        await().until(() -> seen.stream().anyMatch(e -> e.current() == ConnectionState.SUSPENDED));
        server.start();
        await().until(() -> seen.stream().anyMatch(e -> e.current().isConnected()));
        assertThat(seen.get(0).previous()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(seen.get(0).at()).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(seen).extracting(ConnectionStateChangedEvent::current).last()
                .matches(ConnectionState::isConnected);
    }

    @Test
    void healthTellsConnectionStaleCachesAndRegistrationsAwaitingRepair() throws Exception {
        Registry writer = open();
        Registry reader = open();
        Registration reg = writer.register(Fixtures.instance("orders", "a"));
        ServiceCache cache = reader.cache("orders");
        await().until(() -> cache.snapshot().size() == 1);
        RegistryHealth healthy = reader.health();
        assertThat(healthy.isHealthy()).isTrue();
        assertThat(healthy.backend()).isEqualTo("memory");
        assertThat(healthy.caches()).extracting(CacheHealth::service, CacheHealth::instances, CacheHealth::stale)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", 1, false));

        server.stop();
        reg.updateWeight(7).exceptionally(e -> null); // cannot reach the backend: the supervisor owes it a write
        await().until(() -> !reader.health().connection().isConnected() && reader.health().caches().get(0).stale());
        await().until(() -> writer.health().awaitingRepair() == 1);
        assertThat(writer.health().isHealthy()).isFalse();
        await().until(() -> reader.health().caches().get(0).staleFor().compareTo(Duration.ZERO) > 0);
        assertThat(reader.health().staleCaches()).hasSize(1);

        server.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> writer.health().isHealthy() && reader.health().isHealthy()
                && reader.health().staleCaches().isEmpty());
        assertThat(writer.health().awaitingRepair()).isZero();
    }

    @Test
    void cacheUpdatesAndCorruptRecordsAreEvents() throws Exception {
        Registry writer = open();
        Registry reader = open();
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        reader.addEventListener(events::add);
        ServiceCache cache = reader.cache("orders");
        assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();
        writer.register(Fixtures.instance("orders", "a"));
        await().until(() -> events.stream().anyMatch(e -> e instanceof CacheUpdatedEvent u && u.added() == 1));
        CacheUpdatedEvent update = events.stream().filter(e -> e instanceof CacheUpdatedEvent u && u.added() == 1)
                .map(CacheUpdatedEvent.class::cast).findFirst().orElseThrow();
        assertThat(update.service()).isEqualTo("orders");
        assertThat(update.size()).isEqualTo(1);
        assertThat(update.propagationLags()).hasSize(1).allMatch(d -> !d.isNegative());

        io.sextant.spi.Backend raw = new io.sextant.memory.MemoryBackendProvider()
                .open(io.sextant.spi.BackendConfig.from(Fixtures.memoryConfig(serverName).build()));
        try {
            raw.putEphemeral("/services/orders/junk", "{oops".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            await().until(() -> events.stream().anyMatch(e -> e instanceof CorruptRecordSkippedEvent c
                    && c.key().equals("/services/orders/junk") && c.service().equals("orders")));
        } finally {
            raw.close();
        }
    }

    @Test
    void aSlowListenerLosesEventsCountedButNeverBlocksTheProducerNorTheOthers() throws Exception {
        EventDispatcher dispatcher = new EventDispatcher(Executors.defaultThreadFactory());
        CountDownLatch release = new CountDownLatch(1);
        List<RegistryEvent> fast = new CopyOnWriteArrayList<>();
        dispatcher.add(e -> {
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        });
        java.util.concurrent.atomic.AtomicBoolean thrown = new java.util.concurrent.atomic.AtomicBoolean();
        dispatcher.add(e -> {
            if (thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("a throwing listener stops nobody");
            }
        });
        dispatcher.add(fast::add);
        int produced = EventDispatcher.CAPACITY + 1000;
        for (int i = 0; i < produced; i++) {
            dispatcher.accept(new ConnectionStateChangedEvent(ConnectionState.CONNECTED, ConnectionState.SUSPENDED,
                    Instant.now()));
        }
        // reached while the first listener is still blocked: accept() never waits for a listener
        assertThat(dispatcher.dropped()).isGreaterThanOrEqualTo(produced - EventDispatcher.CAPACITY - 1L);
        release.countDown();
        await().until(() -> fast.size() == produced - dispatcher.dropped());
        dispatcher.close();
    }
}
