package io.sextant.micrometer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.TrackedPick;
import io.sextant.spi.Backend;
import io.sextant.testing.BackendFixture;
import io.sextant.testing.RawBackends;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.sextant.micrometer.MeterNames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scenario each meter should move through, on a real backend: register, update, deregister, a
 * corrupt record written by a raw client, a breaker opened (then panic), the server stopped and
 * restarted, the lease or session lost, and (where the backend does not re-create a deleted record by
 * itself) a record deleted behind the registry's back. Exact values where the scenario fixes them.
 */
abstract class RegistryMetricsScenario {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String S = "orders";

    /** Whether the backend itself re-creates an ephemeral record deleted by another client (ZooKeeper's PersistentNode). */
    abstract boolean recreatesDeletedRecords();

    static ServiceInstance instance(String id) {
        return ServiceInstance.builder(S).id(id).host("127.0.0.1").port(8080).build();
    }

    void run(BackendFixture fixture) throws Exception {
        SextantConfig config = fixture.config().namespace("m" + UUID.randomUUID().toString().substring(0, 8))
                .supervisorInterval(Duration.ofSeconds(1)).build();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MeterReader m = new MeterReader(meters);
        try (Registry registry = Registry.open(config); SextantMetrics metrics = SextantMetrics.of(registry)) {
            metrics.bindTo(meters);
            String backend = fixture.name();
            assertThat(m.gauge(CONNECTION_STATE, "state", "connected", "backend", backend)).isEqualTo(1);
            assertThat(m.gauge(CONNECTION_STATE, "state", "suspended")).isZero();
            assertThat(m.gauge(REGISTRATIONS_LIVE)).isZero();

            ServiceCache orders = registry.cache(S);
            assertThat(orders.awaitReady(WAIT)).isTrue();
            m.scrape(); // the cache's meters appear at the first read after it opened
            assertThat(m.gauge(CACHE_INSTANCES, "service", S, "backend", backend)).isZero();
            assertThat(m.counter(CACHE_UPDATES, "service", S)).isZero();

            // register, update, register and deregister
            Registration a = registry.register(instance("a"));
            await().atMost(WAIT).until(() -> m.counter(CACHE_UPDATES, "service", S) == 1);
            assertThat(m.gauge(CACHE_INSTANCES, "service", S)).isEqualTo(1);
            assertThat(m.timerCount(PROPAGATION_LAG, "service", S)).isEqualTo(1);
            assertThat(m.gauge(REGISTRATIONS_LIVE)).isEqualTo(1);
            a.updateWeight(50).get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> m.counter(CACHE_UPDATES, "service", S) == 2);
            Registration b = registry.register(instance("b"));
            await().atMost(WAIT).until(() -> m.gauge(CACHE_INSTANCES, "service", S) == 2);
            assertThat(m.gauge(REGISTRATIONS_LIVE)).isEqualTo(2);
            b.close();
            await().atMost(WAIT).until(() -> m.counter(CACHE_UPDATES, "service", S) == 4); // events arrive after the set
            assertThat(m.gauge(CACHE_INSTANCES, "service", S)).isEqualTo(1);
            assertThat(m.timerCount(PROPAGATION_LAG, "service", S)).isEqualTo(2); // an update is no propagation
            assertThat(m.gauge(REGISTRATIONS_LIVE)).isEqualTo(1);

            // a corrupt record, written by a client that is not a registry
            Backend raw = RawBackends.open(config);
            try {
                raw.putEphemeral("/services/orders/junk", "{not json".getBytes(StandardCharsets.UTF_8))
                        .get(10, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> m.counter(CACHE_CORRUPT_RECORDS, "service", S) == 1);
                assertThat(m.gauge(CACHE_INSTANCES, "service", S)).isEqualTo(1);
                assertThat(m.counter(CACHE_UPDATES, "service", S)).isEqualTo(4); // nothing published
            } finally {
                raw.close();
            }

            registry.register(instance("c"));
            await().atMost(WAIT).until(() -> m.gauge(CACHE_INSTANCES, "service", S) == 2);
            BalancerMetrics balancerMetrics = breakerOpensThenPanic(metrics, orders, meters, m);

            // the server stopped and restarted
            fixture.stopAll();
            await().atMost(WAIT).until(() -> m.gauge(CONNECTION_STATE, "state", "suspended")
                    + m.gauge(CONNECTION_STATE, "state", "lost") == 1);
            assertThat(m.counter(CONNECTION_CHANGES, "state", "suspended") + m.counter(CONNECTION_CHANGES, "state", "lost"))
                    .isGreaterThanOrEqualTo(1);
            await().atMost(WAIT).until(() -> m.gauge(CACHE_STALENESS, "service", S) > 0);
            assertThat(m.gauge(CACHE_INSTANCES, "service", S)).isEqualTo(2); // served stale
            fixture.startAll();
            await().atMost(WAIT).until(() -> connected(m) && m.gauge(CACHE_STALENESS, "service", S) == 0
                    && m.gauge(CACHE_INSTANCES, "service", S) == 2);
            assertThat(m.counter(CONNECTION_CHANGES, "state", "reconnected")).isGreaterThanOrEqualTo(1);

            // the lease or session lost: the backend re-creates both records, the supervisor reports each
            double restores = m.counter(REGISTRATIONS_RESTORES);
            double lost = m.counter(CONNECTION_CHANGES, "state", "lost");
            double restoredRepairs = m.counter(REGISTRATIONS_REPAIRS, "service", S, "reason", "backend-restored");
            fixture.expireOwnerOf(config, "/services/orders/a");
            await().atMost(WAIT).until(() -> m.counter(REGISTRATIONS_RESTORES) == restores + 1);
            await().atMost(WAIT).until(() -> connected(m) && m.gauge(CACHE_INSTANCES, "service", S) == 2);
            await().atMost(WAIT).until(() -> m.counter(CONNECTION_CHANGES, "state", "lost") == lost + 1);
            await().atMost(WAIT).until(() -> nanToZero(m.counter(REGISTRATIONS_REPAIRS, "service", S,
                    "reason", "backend-restored")) == nanToZero(restoredRepairs) + 2);
            // re-created records keep their registeredAt: not counted as propagation
            assertThat(m.timerCount(PROPAGATION_LAG, "service", S)).isEqualTo(3);

            if (!recreatesDeletedRecords()) {
                double missing = nanToZero(m.counter(REGISTRATIONS_REPAIRS, "service", S, "reason", "missing"));
                Backend deleter = RawBackends.open(config);
                try {
                    deleter.delete("/services/orders/a").get(10, TimeUnit.SECONDS);
                } finally {
                    deleter.close();
                }
                await().atMost(WAIT).untilAsserted(() -> assertThat(m.counter(REGISTRATIONS_REPAIRS, "service", S,
                        "reason", "missing")).isEqualTo(missing + 1));
                await().atMost(WAIT).until(() -> m.gauge(CACHE_INSTANCES, "service", S) == 2);
                assertThat(m.timerCount(PROPAGATION_LAG, "service", S)).isEqualTo(3);
            }
            assertThat(m.counter(EVENTS_DROPPED)).isZero();
            assertThat(m.gauge(REGISTRATIONS_AWAITING_REPAIR)).isZero();
            assertThat(m.gauge(REGISTRATIONS_PENDING)).isZero();
            metrics.close();
            assertThat(m.hasAny("sextant.balancer.")).isTrue();
            balancerMetrics.close();
            assertThat(m.hasAny("sextant.")).as("meters left after close: %s", meters.getMeters()).isFalse();
        }
    }

    static boolean connected(MeterReader m) {
        return m.gauge(CONNECTION_STATE, "state", "connected") + m.gauge(CONNECTION_STATE, "state", "reconnected") == 1;
    }

    static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** Instance a fails until its breaker opens (each failure retried once on c), then c's breaker opens: panic. */
    private static BalancerMetrics breakerOpensThenPanic(SextantMetrics metrics, ServiceCache orders, SimpleMeterRegistry meters,
                                              MeterReader m) throws Exception {
        CircuitBreakerConfig breakers = CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4)
                .failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(5)).build();
        Balancer balancer = Balancer.builder(orders)
                .options(BalancerOptions.DEFAULT.withCircuitBreakerConfig(breakers).withMaxAttempts(2)
                        .withRetryBackoff(Duration.ofMillis(1)))
                .build();
        BalancerMetrics bm = metrics.balancer(balancer, orders).withPicksPerInstance(true);
        bm.bindTo(meters);
        Balancer measured = bm.measured();
        for (int i = 0; i < 10; i++) {
            measured.pick(PickContext.NONE);
        }
        assertThat(m.counterSum(BALANCER_PICKS, "service", S)).isEqualTo(10);
        assertThat(m.counter(BALANCER_PICKS, "service", S, "instance", "a")).isEqualTo(5); // round robin
        int attempts = 0;
        int failuresOnA = 0;
        for (int i = 0; i < 40 && !isOpen(balancer, "a"); i++) {
            int[] calls = new int[2];
            String served = measured.execute(PickContext.NONE, instance -> {
                calls[0]++;
                if (instance.id().equals("a")) {
                    calls[1]++;
                    throw new java.net.ConnectException("a is broken"); // retryable: connection-level
                }
                return instance.id();
            });
            assertThat(served).isEqualTo("c");
            attempts += calls[0];
            failuresOnA += calls[1];
        }
        assertThat(isOpen(balancer, "a")).isTrue();
        assertThat(m.counter(BALANCER_BREAKER_TRANSITIONS, "service", S, "from", "closed", "to", "open")).isEqualTo(1);
        assertThat(m.counter(BALANCER_RETRIES, "service", S)).isEqualTo(failuresOnA);
        assertThat(m.counterSum(BALANCER_PICKS, "service", S)).isEqualTo(10 + attempts);
        assertThat(m.gauge(BALANCER_EJECTED, "service", S)).isEqualTo(1);
        await().atMost(WAIT).until(() -> m.gauge(BALANCER_PANIC, "service", S) == 0 && !balancer.isPanicking());

        for (int i = 0; i < 40 && !isOpen(balancer, "c"); i++) {
            TrackedPick t = measured.start(PickContext.NONE);
            t.failure(new IOException("now c is broken too"));
        }
        assertThat(isOpen(balancer, "c")).isTrue();
        assertThat(m.counter(BALANCER_BREAKER_TRANSITIONS, "service", S, "from", "closed", "to", "open")).isEqualTo(2);
        assertThat(m.gauge(BALANCER_EJECTED, "service", S)).isEqualTo(2);
        await().atMost(WAIT).until(() -> m.gauge(BALANCER_PANIC, "service", S) == 1);
        return bm;
    }

    private static boolean isOpen(Balancer balancer, String id) {
        return balancer.circuitBreaker(id).map(b -> b.getState() == CircuitBreaker.State.OPEN).orElse(false);
    }
}
