package io.sextant.it.threads;

import io.sextant.SextantConfig;
import io.sextant.testing.EtcdFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

    private static SextantConfig config(String prefix) {
        return etcd.config().namespace(prefix + "-" + NAMESPACES.incrementAndGet()).build();
    }

    @Test
    void tenThousandRegistrationsAllSucceedWithinTheThreadBound() throws Exception {
        ZooKeeperThreadBoundIT.registerManyWithinTheBound(config("tenk"), 10_000);
    }
}
