package io.sextant.micrometer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.PickContext;
import io.sextant.memory.MemoryServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.sextant.micrometer.MeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What the memory backend can stage exactly: held drops, snapshot-file loads, meters of closed caches. */
@Timeout(60)
class MemoryMetricsTest {
    private final String serverName = "m-" + UUID.randomUUID();
    private final MemoryServer server = MemoryServer.named(serverName);
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MeterReader m = new MeterReader(meters);

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        server.reset();
    }

    private SextantConfig.Builder config() {
        return SextantConfig.builder().backend("memory").set("sextant.memory.server", serverName)
                .ttl(Duration.ofSeconds(1)).requestTimeout(Duration.ofMillis(500)).connectTimeout(Duration.ofSeconds(2))
                .set("sextant.cache.settle.window", "300ms");
    }

    private Registry open(SextantConfig.Builder config) {
        Registry r = Registry.open(config.build());
        opened.add(r);
        return r;
    }

    private SextantMetrics bind(Registry r) {
        SextantMetrics metrics = SextantMetrics.of(r);
        metrics.bindTo(meters);
        opened.add(metrics);
        return metrics;
    }

    private static ServiceInstance instance(String service, String id) {
        return ServiceInstance.builder(service).id(id).host("127.0.0.1").port(8080).build();
    }

    @Test
    void aMassDropWhileReconnectingIsHeldOnceAndItsDurationTimed() throws Exception {
        Registry registrant = Registry.open(config().build());
        registrant.register(instance("orders", "a"));
        registrant.register(instance("orders", "b"));
        Registry watcher = open(config());
        bind(watcher);
        ServiceCache orders = watcher.cache("orders");
        await().until(() -> orders.snapshot().size() == 2);

        server.stop();
        registrant.close(); // its deletes fail; the server expires its session when it comes back
        server.start();
        await().until(() -> m.counter(CACHE_HOLDS, "service", "orders") == 1);
        await().until(() -> m.timerCount(CACHE_HOLD_DURATION, "service", "orders") == 1);
        assertThat(m.gauge(CACHE_INSTANCES, "service", "orders")).isZero();
        assertThat(m.counter(CACHE_RESYNCS, "service", "orders", "reason", "reconnect")
                + m.counter(CACHE_RESYNCS, "service", "orders", "reason", "gap")).isEqualTo(1);
        assertThat(m.counter(CACHE_HOLDS, "service", "orders")).isEqualTo(1);
        assertThat(m.counter(CONNECTION_CHANGES, "backend", "memory", "state", "suspended")).isEqualTo(1);
    }

    @Test
    void aStartFromTheSnapshotFileIsCounted(@TempDir Path dir) throws Exception {
        Registry registrant = open(config());
        registrant.register(instance("orders", "a"));
        try (Registry first = Registry.open(config().snapshotDir(dir.toString()).build())) {
            ServiceCache cache = first.cache("orders");
            await().until(() -> cache.snapshot().size() == 1);
            await().until(() -> {
                try (Stream<Path> files = Files.list(dir)) {
                    return files.findAny().isPresent();
                }
            });
        }
        Registry second = open(config().snapshotDir(dir.toString()));
        bind(second);
        second.cache("orders");
        await().until(() -> m.counter(CACHE_SNAPSHOT_LOADS, "service", "orders") == 1);
    }

    @Test
    void aClosedCacheLosesItsMetersAtTheNextRead() {
        Registry registry = open(config());
        bind(registry);
        ServiceCache payments = registry.cache("payments");
        m.scrape();
        assertThat(m.gauge(CACHE_INSTANCES, "service", "payments")).isZero();
        assertThat(m.counter(CACHE_UPDATES, "service", "payments")).isZero();
        payments.close();
        m.scrape();
        assertThat(meters.find(CACHE_INSTANCES).tag("service", "payments").meters()).isEmpty();
        assertThat(meters.find(CACHE_UPDATES).tag("service", "payments").meters()).isEmpty();
        assertThat(m.gauge(REGISTRATIONS_LIVE)).isZero(); // the registry's own meters stay
    }

    @Test
    void aCacheOpenedOrClosedBetweenScrapesAppearsAndGoesWithoutBreakingAScrape() {
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry prometheus =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        Registry registry = open(config());
        SextantMetrics metrics = SextantMetrics.of(registry);
        metrics.bindTo(prometheus);
        opened.add(metrics);
        assertThat(prometheus.scrape()).doesNotContain("service=\"late\"");
        ServiceCache late = registry.cache("late"); // empty: it publishes no event
        prometheus.scrape(); // discovers it while scraping
        assertThat(prometheus.scrape()).contains("sextant_cache_instances{backend=\"memory\",service=\"late\"} 0.0")
                .contains("sextant_cache_updates_total{backend=\"memory\",service=\"late\"} 0.0");
        late.close();
        prometheus.scrape(); // finds it closed while scraping
        assertThat(prometheus.scrape()).doesNotContain("service=\"late\"")
                .contains("sextant_registrations_live{backend=\"memory\"} 0.0");
    }

    @Test
    void pickCountersOfAnInstanceThatLeftEndAtTheNextRead() {
        Registry registry = open(config());
        SextantMetrics metrics = bind(registry);
        registry.register(instance("orders", "a"));
        Registration b = registry.register(instance("orders", "b"));
        ServiceCache orders = registry.cache("orders");
        await().until(() -> orders.snapshot().size() == 2);
        Balancer balancer = Balancer.builder(orders).build();
        BalancerMetrics bm = metrics.balancer(balancer, orders).withPicksPerInstance(true);
        assertThatThrownBy(bm::measured).isInstanceOf(IllegalStateException.class);
        bm.bindTo(meters);
        opened.add(bm);
        Balancer measured = bm.measured();
        for (int i = 0; i < 4; i++) {
            measured.pick(PickContext.NONE);
        }
        assertThat(m.counter(BALANCER_PICKS, "instance", "b", "backend", "memory", "service", "orders")).isEqualTo(2);
        balancer.pick(PickContext.NONE); // the original balancer is not measured
        assertThat(m.counterSum(BALANCER_PICKS)).isEqualTo(4);
        b.close();
        await().until(() -> orders.snapshot().size() == 1);
        m.scrape();
        assertThat(meters.find(BALANCER_PICKS).tag("instance", "b").meters()).isEmpty();
        assertThat(m.counter(BALANCER_PICKS, "instance", "a")).isEqualTo(2);
    }

    @Test
    void retriesOfExecuteAsyncAreCountedOnTheSchedulerThread() throws Exception {
        Registry registry = open(config());
        SextantMetrics metrics = bind(registry);
        registry.register(instance("orders", "a"));
        registry.register(instance("orders", "b"));
        ServiceCache orders = registry.cache("orders");
        await().until(() -> orders.snapshot().size() == 2);
        Balancer balancer = Balancer.builder(orders).options(io.sextant.balancer.BalancerOptions.DEFAULT
                .withRetryBackoff(Duration.ofMillis(1))).build();
        BalancerMetrics bm = metrics.balancer(balancer, orders);
        bm.bindTo(meters);
        opened.add(bm);
        int failedOnA = 0;
        for (int i = 0; i < 6; i++) {
            java.util.concurrent.atomic.AtomicBoolean hitA = new java.util.concurrent.atomic.AtomicBoolean();
            String served = bm.measured().executeAsync(PickContext.NONE, instance -> {
                if (instance.id().equals("a")) {
                    hitA.set(true);
                    return java.util.concurrent.CompletableFuture.failedFuture(
                            new io.sextant.balancer.RetryableException("a refuses"));
                }
                return java.util.concurrent.CompletableFuture.completedFuture(instance.id());
            }).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(served).isEqualTo("b");
            failedOnA += hitA.get() ? 1 : 0;
        }
        assertThat(failedOnA).isPositive();
        assertThat(m.counter(BALANCER_RETRIES, "service", "orders", "backend", "memory")).isEqualTo(failedOnA);
    }

    @Test
    void aRegistrationMadeWhileTheBackendIsDownIsPendingUntilItAppears() {
        server.stop();
        Registry registry = open(config().set("sextant.start.offline", "true"));
        bind(registry);
        registry.registerAsync(instance("orders", "a"));
        await().until(() -> m.gauge(REGISTRATIONS_PENDING) == 1);
        assertThat(m.gauge(CONNECTION_STATE, "state", "connected") + m.gauge(CONNECTION_STATE, "state", "reconnected"))
                .isZero();
        server.start();
        await().until(() -> m.gauge(REGISTRATIONS_PENDING) == 0 && m.gauge(REGISTRATIONS_LIVE) == 1);
    }

    @Test
    void bindersBindOnceAndCheckTheirArguments() {
        Registry registry = open(config());
        SextantMetrics metrics = bind(registry);
        assertThatThrownBy(() -> metrics.bindTo(meters)).isInstanceOf(IllegalStateException.class);
        ServiceCache orders = registry.cache("orders");
        ServiceCache other = registry.cache("payments");
        Balancer balancer = Balancer.builder(orders).build();
        assertThatThrownBy(() -> BalancerMetrics.of(balancer, other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'orders'").hasMessageContaining("'payments'");
    }
}
