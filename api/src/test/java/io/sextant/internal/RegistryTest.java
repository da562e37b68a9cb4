package io.sextant.internal;

import io.sextant.spi.support.RecordCodec;

import io.sextant.BackendUnavailableException;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.memory.MemoryServer;
import io.sextant.testkit.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class RegistryTest {
    private final String serverName = Fixtures.uniqueServer();
    private final MemoryServer server = MemoryServer.named(serverName);
    private final List<Registry> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Registry::close);
        server.reset();
    }

    private Registry open() {
        Registry r = Registry.open(Fixtures.memoryConfig(serverName).build());
        opened.add(r);
        return r;
    }

    @Test
    void anUnknownBackendNameIsRejectedListingTheAvailableOnes() {
        SextantConfig config = SextantConfig.builder().backend("nope").build();
        assertThatThrownBy(() -> Registry.open(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sextant.backend").hasMessageContaining("nope").hasMessageContaining("memory");
    }

    @Test
    void registerUpdateDeregisterAreSeenByAnotherRegistrysCache() throws Exception {
        Registry a = open();
        Registry b = open();
        ServiceCache cache = b.cache("orders");
        assertThat(b.cache("orders")).isNotSameAs(cache); // a handle each, on one shared watch
        assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();

        Registration reg = a.register(Fixtures.instance("orders", "i-1"));
        await().until(() -> cache.snapshot().byId("i-1") != null);
        assertThat(a.services().get()).containsExactly("orders");
        assertThat(a.stats().registrations()).isEqualTo(1);

        reg.updateWeight(5).get();
        assertThat(reg.instance().weight()).isEqualTo(5);
        await().until(() -> cache.snapshot().byId("i-1").weight() == 5);
        assertThatThrownBy(() -> reg.update(Fixtures.instance("orders", "other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");

        reg.close();
        reg.close();
        assertThat(reg.isClosed()).isTrue();
        await().until(() -> cache.snapshot().isEmpty());
        assertThat(a.stats().registrations()).isZero();
        assertThat(a.services().get()).isEmpty();
    }

    @Test
    void aDuplicateServiceAndIdIsRejectedUntilTheFirstIsClosed() {
        Registry a = open();
        ServiceInstance i = Fixtures.instance("orders", "dup");
        Registration first = a.register(i);
        assertThatThrownBy(() -> a.register(i)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dup");
        first.close();
        a.register(i).close();
    }

    @Test
    void registeringWhileTheBackendIsDownThrowsBackendUnavailableWithTheCause() {
        Registry a = open();
        server.stop();
        assertThatThrownBy(() -> a.register(Fixtures.instance("orders", "x")))
                .isInstanceOf(BackendUnavailableException.class).hasCauseInstanceOf(BackendUnavailableException.class);
        assertThat(a.stats().registrations()).isZero();
        server.start();
        await().untilAsserted(() -> a.register(Fixtures.instance("orders", "x")));
    }

    @Test
    void closeDeregistersEverythingClosesCachesAndIsIdempotent() throws Exception {
        Registry a = open();
        Registry b = open();
        ServiceCache watched = b.cache("orders");
        a.register(Fixtures.instance("orders", "1"));
        a.register(Fixtures.instance("orders", "2"));
        ServiceCache own = a.cache("orders");
        await().until(() -> watched.snapshot().size() == 2 && own.snapshot().size() == 2);
        a.close();
        a.close();
        await().until(() -> watched.snapshot().isEmpty());
        b.register(Fixtures.instance("orders", "from-b"));
        await().until(() -> watched.snapshot().size() == 1);
        assertThatThrownBy(own::snapshot).isInstanceOf(IllegalStateException.class) // closed with its registry
                .hasMessageContaining("orders");
        assertThatThrownBy(() -> a.register(Fixtures.instance("orders", "3"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cachesAreSharedUntilClosedAndCorruptRecordsAreSummedInStats() throws Exception {
        SupervisedRegistry a = (SupervisedRegistry) open();
        assertThatThrownBy(() -> a.cache("Bad Name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service");
        ServiceCache c = a.cache("orders");
        a.backend().putEphemeral(Keys.instanceKey("orders", "junk"), "junk".getBytes(StandardCharsets.UTF_8)).get();
        await().until(() -> c.corruptRecordCount() == 1);
        c.close();
        ServiceCache again = a.cache("orders");
        assertThat(again).isNotSameAs(c);
        await().until(() -> again.corruptRecordCount() == 1);
        assertThat(a.stats().corruptRecords()).isEqualTo(2);
    }

    @Test
    void aReRegistrationRacingTheDeregistrationOfTheSameIdIsNotDeletedByIt() throws Exception {
        SupervisedRegistry registry = (SupervisedRegistry) open();
        String key = Keys.instanceKey("orders", "i-1");
        Registration first = registry.register(Fixtures.instance("orders", "i-1"));
        ServiceInstance second = Fixtures.instance("orders", "i-1").toBuilder().port(9090).build();
        Thread closer = new Thread(first::close);
        Registration reRegistered = null;
        synchronized (server) { // the first registration's delete waits for the server
            closer.start();
            await().until(() -> closer.getState() == Thread.State.BLOCKED);
            try {
                reRegistered = registry.register(second);
            } catch (IllegalArgumentException stillDeregistering) {
                assertThat(stillDeregistering).hasMessageContaining("already registered");
            }
        }
        closer.join();
        if (reRegistered == null) {
            reRegistered = registry.register(second);
        }
        assertThat(reRegistered.isClosed()).isFalse();
        assertThat(registry.backend().get(key).get()).hasValueSatisfying(
                v -> assertThat(RecordCodec.decode(key, v)).isEqualTo(second));
    }

    @Test
    void fiftyCachesApplyTheirUpdatesOnABoundedNumberOfThreadsEvenWithSlowListeners() throws Exception {
        Registry writer = open();
        Registry reader = open();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger blocked = new java.util.concurrent.atomic.AtomicInteger();
        List<ServiceCache> caches = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ServiceCache c = reader.cache("svc-" + i);
            assertThat(c.awaitReady(Duration.ofSeconds(5))).isTrue();
            c.addListener(change -> { // a listener that takes its time (it should not, but may)
                blocked.incrementAndGet();
                try {
                    release.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            caches.add(c);
        }
        for (int i = 0; i < 50; i++) {
            writer.register(Fixtures.instance("svc-" + i, "a"));
        }
        await().until(() -> blocked.get() >= SupervisedRegistry.CACHE_THREADS);
        long cacheThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sextant-cache-") && t.isAlive()).count();
        assertThat(cacheThreads).as("cache threads while listeners block").isLessThanOrEqualTo(2L * SupervisedRegistry.CACHE_THREADS);
        release.countDown();
        await().until(() -> caches.stream().allMatch(c -> c.snapshot().size() == 1));
    }
}
