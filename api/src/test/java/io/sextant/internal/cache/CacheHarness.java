package io.sextant.internal.cache;

import io.sextant.internal.Ticker;
import io.sextant.testkit.MutableClock;

import io.sextant.SextantConfig;
import io.sextant.internal.Keys;
import io.sextant.memory.MemoryBackendProvider;
import io.sextant.memory.MemoryServer;
import io.sextant.spi.Backend;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import io.sextant.testkit.Fixtures;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A memory server, backends on it and caches over them; closes everything. */
final class CacheHarness implements AutoCloseable {
    static final String SERVICE = "orders";

    final String serverName = Fixtures.uniqueServer();
    final MemoryServer server = MemoryServer.named(serverName);
    final ExecutorService executor = Executors.newCachedThreadPool();
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    SextantConfig.Builder config() {
        return Fixtures.memoryConfig(serverName).namespace("ns");
    }

    Backend backend() {
        Backend b = new MemoryBackendProvider().open(BackendConfig.from(config().build()));
        toClose.add(b);
        return b;
    }

    WatchedServiceCache cache(Backend backend, CacheSettings settings, Clock clock) {
        Ticker ticker = clock instanceof MutableClock m ? m.ticker() : Ticker.SYSTEM;
        WatchedServiceCache c = WatchedServiceCache.start(SERVICE, backend, settings, clock, ticker, executor, scheduler);
        backend.addListener(new BackendListener() {
            @Override
            public void onConnectionStateChanged(ConnectionState previous, ConnectionState current) {
                c.connectionChanged(current);
            }
        });
        toClose.add(0, c);
        return c;
    }

    static EphemeralHandle register(Backend writer, String id) throws Exception {
        return writer.putEphemeral(Keys.instanceKey(SERVICE, id), Fixtures.record(SERVICE, id)).get();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        server.reset();
        executor.shutdownNow();
        scheduler.shutdownNow();
    }
}
