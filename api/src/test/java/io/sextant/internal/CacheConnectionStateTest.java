package io.sextant.internal;

import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.spi.ConnectionState;
import io.sextant.testkit.Fixtures;
import io.sextant.testkit.ScriptedBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(20)
class CacheConnectionStateTest {

    @Test
    void aReconnectWhileCacheReadsTheStateIsNotUndoneByTheOutdatedState() {
        ScriptedBackend backend = new ScriptedBackend(ConnectionState.SUSPENDED);
        SextantConfig config = SextantConfig.builder().backend("memory").requestTimeout(Duration.ofSeconds(2)).build();
        Map<String, byte[]> entries = Map.of(Keys.instanceKey("orders", "a"), Fixtures.record("orders", "a"));
        try (SupervisedRegistry registry = new SupervisedRegistry(config, backend, Clock.systemUTC(), () -> 0.5)) {
            // the cache's own start reads the state once; the backend reconnects just after the second read
            backend.afterStateRead(1, () -> backend.changeState(ConnectionState.RECONNECTED));
            ServiceCache cache = registry.cache("orders");
            backend.watcher.onSnapshot(entries, false);

            await().atMost(Duration.ofSeconds(5)).until(() -> {
                CompletableFuture<Map<String, byte[]>> read;
                while ((read = backend.lists.poll()) != null) {
                    read.complete(entries);
                }
                return cache.snapshot().instances().stream().map(ServiceInstance::id).toList().equals(java.util.List.of("a"))
                        && !cache.snapshot().isStale();
            });
            assertThat(backend.connectionState()).isEqualTo(ConnectionState.RECONNECTED);
        }
    }

    @Test
    void aCacheStartedWhileTheRegistryClosesDoesNotKeepItsWatchOpen() {
        ScriptedBackend backend = new ScriptedBackend(ConnectionState.CONNECTED);
        SextantConfig config = SextantConfig.builder().backend("memory").requestTimeout(Duration.ofSeconds(2)).build();
        SupervisedRegistry registry = new SupervisedRegistry(config, backend, Clock.systemUTC(), () -> 0.5);
        backend.afterStateRead(0, registry::close); // the registry closes while the cache is being built
        assertThatThrownBy(() -> registry.cache("orders")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(backend.watcher).isNull();
    }
}
