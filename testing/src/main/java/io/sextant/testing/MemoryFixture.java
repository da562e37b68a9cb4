package io.sextant.testing;

import io.sextant.SextantConfig;
import io.sextant.memory.MemoryServer;

import java.time.Duration;
import java.util.UUID;

/** The in-process {@code memory} backend as a fixture: same semantics as the real ones, in this JVM. */
public final class MemoryFixture implements BackendFixture {
    private static final Duration TTL = Duration.ofSeconds(2);

    private final String serverName = "fixture-" + UUID.randomUUID();
    private final MemoryServer server = MemoryServer.named(serverName);

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public SextantConfig.Builder config() {
        return SextantConfig.builder().backend("memory").set("sextant.memory.server", serverName).ttl(TTL)
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(5));
    }

    @Override
    public Duration ttl() {
        return TTL;
    }

    @Override
    public void expireOwnerOf(SextantConfig config, String key) {
        server.expireSessionOwning(config.namespace(), key);
    }

    @Override
    public void stopAll() {
        server.stop();
    }

    @Override
    public void startAll() {
        server.start();
    }

    @Override
    public boolean reachableFromOtherProcesses() {
        return false;
    }

    @Override
    public void close() {
        server.reset();
    }
}
