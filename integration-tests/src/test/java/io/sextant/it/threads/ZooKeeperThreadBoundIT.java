package io.sextant.it.threads;

import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.testing.RawBackends;
import io.sextant.testing.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ZooKeeper backend's threads stay within a fixed bound (idle + 32) however many calls are in flight
 * and however long the ensemble is down: work completes from Curator's callbacks, never from a thread
 * per call.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ZooKeeperThreadBoundIT {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperThreadBoundIT.class);
    static final int BOUND = 32;
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static ZooKeeperFixture zk;

    @BeforeAll
    static void startServer() throws Exception {
        zk = ZooKeeperFixture.single();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (zk != null) {
            zk.close();
        }
    }

    private static SextantConfig config(String prefix) {
        return zk.config().namespace(prefix + "-" + NAMESPACES.incrementAndGet())
                .supervisorInterval(Duration.ofSeconds(1)).build();
    }

    static ServiceInstance instance(int i) {
        return ServiceInstance.builder("load").id("i-" + i).host("127.0.0.1").port(1024 + i % 60000).build();
    }

    @Test
    void twoThousandRegistrationsInFlightStayWithinTheThreadBound() throws Exception {
        registerManyWithinTheBound(config("inflight"), 2_000);
    }

    @Test
    void tenThousandRegistrationsAllSucceedWithinTheThreadBound() throws Exception {
        registerManyWithinTheBound(config("tenk"), 10_000);
    }

    static void registerManyWithinTheBound(SextantConfig config, int n) throws Exception {
        try (ThreadPeak threads = ThreadPeak.start(); Backend raw = RawBackends.open(config)) {
            Registry registry = Registry.open(config);
            try {
                registry.register(instance(-1)).close(); // warm: connected, the service node exists
                int idle = threads.now();
                threads.reset();
                long start = System.nanoTime();
                List<CompletableFuture<Registration>> calls = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    calls.add(registry.registerAsync(instance(i)));
                }
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                        .exceptionally(e -> null).get(120, TimeUnit.SECONDS);
                long allDoneMs = (System.nanoTime() - start) / 1_000_000;
                long failed = calls.stream().filter(CompletableFuture::isCompletedExceptionally).count();
                int peak = threads.peak();
                LOG.info("{} registerAsync on {}: {} failed, all completed in {} ms, threads idle {} peak {}; at the peak: {}",
                        n, config.backend(), failed, allDoneMs, idle, peak, threads.atPeak());
                assertThat(failed).as("failed registrations").isZero();
                assertThat(peak).as("JVM threads with %d registrations in flight (idle %d; at the peak: %s)", n, idle,
                                threads.atPeak())
                        .isLessThanOrEqualTo(idle + BOUND);
                assertThat(raw.list("/services/load/").get(30, TimeUnit.SECONDS)).hasSize(n);

                threads.reset();
                long closing = System.nanoTime();
                registry.close();
                LOG.info("closing {} registrations took {} ms, threads peak {}", n,
                        (System.nanoTime() - closing) / 1_000_000, threads.peak());
                assertThat(threads.peak()).as("JVM threads while closing %d registrations", n)
                        .isLessThanOrEqualTo(idle + BOUND);
            } finally {
                registry.close();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> raw.list("/services/load/").get(10, TimeUnit.SECONDS).isEmpty());
        }
    }

    @Test
    void anOutageWithTenSupervisedRegistrationsStaysWithinTheThreadBound() throws Exception {
        SextantConfig config = config("outage");
        Duration outage = Duration.ofSeconds(15);
        try (ThreadPeak threads = ThreadPeak.start(); Registry registry = Registry.open(config)) {
            for (int i = 0; i < 10; i++) {
                registry.register(instance(i));
            }
            int idle = threads.now();
            threads.reset();
            zk.stopAll();
            try {
                // The supervisor verifies every second (with back-off after failures) the whole time.
                await().during(outage).atMost(outage.plusSeconds(5)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(threads.now()).isLessThanOrEqualTo(idle + BOUND));
            } finally {
                zk.startAll();
            }
            try (Backend raw = RawBackends.open(config)) {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> raw.list("/services/load/").get(5, TimeUnit.SECONDS).size() == 10);
            }
            int peak = threads.peak();
            LOG.info("{} s outage with 10 registrations: threads idle {} peak {}", outage.toSeconds(), idle, peak);
            assertThat(peak).as("JVM threads during a %s outage (idle %d)", outage, idle)
                    .isLessThanOrEqualTo(idle + BOUND);
        }
    }
}
