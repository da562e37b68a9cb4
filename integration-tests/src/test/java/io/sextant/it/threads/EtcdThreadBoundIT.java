package io.sextant.it.threads;

import io.sextant.SextantConfig;
import io.sextant.testing.EtcdFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The etcd backend under 10,000 concurrent {@code registerAsync} calls: every one succeeds (the backend
 * bounds its own requests in flight instead of letting etcd refuse them) and JVM threads stay within
 * idle + 32, registering and closing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EtcdThreadBoundIT {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static EtcdFixture etcd;

    @BeforeAll
    static void startServer() throws Exception {
        etcd = EtcdFixture.single();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (etcd != null) {
            etcd.close();
        }
    }

    /**
     * The library's default lease TTL (10 s), not the fixture's 2 s, and a patient request time-out: on a
     * shared 2-core machine (load averages of 15-25 were seen) etcd itself can take seconds to answer while
     * it writes 10,000 keys. What this test pins down is the client: no call refused for want of a thread or
     * because the client flooded the server.
     */
    private static SextantConfig config(String prefix) {
        return etcd.config().namespace(prefix + "-" + NAMESPACES.incrementAndGet()).ttl(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(15)).build();
    }

    @Test
    void tenThousandRegistrationsAllSucceedWithinTheThreadBound() throws Exception {
        ZooKeeperThreadBoundIT.registerManyWithinTheBound(config("tenk"), 10_000);
    }
}
