package io.sextant.testkit;

import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.spi.support.RecordCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Shared test data: a fresh memory server name per test, configs and instances. */
public final class Fixtures {
    private Fixtures() {
    }

    public static String uniqueServer() {
        return "t-" + UUID.randomUUID();
    }

    public static SextantConfig.Builder memoryConfig(String server) {
        return SextantConfig.builder().backend("memory").set("sextant.memory.server", server)
                .ttl(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(2));
    }

    public static ServiceInstance instance(String service, String id) {
        return ServiceInstance.builder(service).id(id).host("10.0.0.1").port(8080)
                .registeredAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    public static byte[] record(String service, String id) {
        return RecordCodec.encode(instance(service, id));
    }
}
