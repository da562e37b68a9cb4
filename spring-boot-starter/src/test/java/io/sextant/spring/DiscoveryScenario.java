package io.sextant.spring;

import io.sextant.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Application A calls service B by name through a {@code @LoadBalanced RestClient}, on a real backend;
 * the subclasses differ only in {@code sextant.backend} and its connection property. The steps build
 * on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
abstract class DiscoveryScenario {
    static final Duration TTL = Duration.ofSeconds(2);

    private final String namespace = "t" + UUID.randomUUID().toString().substring(0, 8);
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();
    private ConfigurableApplicationContext caller;
    private ConfigurableApplicationContext b1;
    private RestClient serviceB;

    @TempDir
    Path tmp;

    /** {@code sextant.backend} and its connection property: the only difference between backends. */
    abstract Map<String, Object> backendProperties();

    abstract String backendName();

    abstract void stopCluster() throws Exception;

    abstract void startCluster() throws Exception;

    /** Stops the cluster for good, after every application has shut down. */
    abstract void closeCluster() throws Exception;

    Map<String, Object> common(String service, String id) {
        Map<String, Object> p = new HashMap<>(backendProperties());
        p.put("spring.application.name", service);
        p.put("server.port", 0);
        p.put("sextant.namespace", namespace);
        p.put("sextant.ttl", TTL.toMillis() + "ms");
        p.put("sextant.registration.host", "127.0.0.1");
        p.put("sextant.registration.instance-id", id);
        p.put("sextant.registration.drain-delay", "300ms");
        // Short settle window: removals inside the window that opens with a cache wait for a confirming
        // read; the scenario's apps start a few seconds apart, so a short window keeps its steps quick.
        // (A held removal keeps its latest data, so a DRAINING instance stays DRAINING while held.)
        p.put("sextant.cache.settle.window", "500ms");
        p.put("management.endpoints.web.exposure.include", "health");
        p.put("management.endpoint.health.show-details", "always");
        p.put("logging.level.org.apache.zookeeper", "ERROR");
        return p;
    }

    ConfigurableApplicationContext start(Class<?> app, String service, String id) {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(app).properties(common(service, id)).run();
        apps.add(ctx);
        return ctx;
    }

    @BeforeAll
    void startCaller() {
        caller = start(CallerApp.class, "service-a", "a1");
        serviceB = caller.getBean("serviceB", RestClient.class);
    }

    @AfterAll
    void stopAppsThenCluster() throws Exception {
        Collections.reverse(apps);
        apps.forEach(ConfigurableApplicationContext::close);
        closeCluster();
    }

    String callB() {
        return serviceB.get().uri("/who").retrieve().body(String.class);
    }

    Set<String> idsListedByDiscovery() {
        Set<String> ids = new HashSet<>();
        for (ServiceInstance i : caller.getBean(DiscoveryClient.class).getInstances("service-b")) {
            ids.add(i.getInstanceId());
        }
        return ids;
    }

    @Test
    @Order(1)
    void callerReachesBByName() {
        assertThat(caller.getBean(Registry.class).config().backend()).isEqualTo(backendName());
        b1 = start(ServiceBApp.class, "service-b", "b1");

        assertThat(callB()).isEqualTo("b1");
        assertThat(idsListedByDiscovery()).containsExactly("b1");
    }

    @Test
    @Order(2)
    void secondInstanceJoinsAndReceivesCalls() {
        start(ServiceBApp.class, "service-b", "b2");

        Set<String> seen = new HashSet<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (int i = 0; i < 10; i++) {
                seen.add(callB());
            }
            assertThat(seen).containsExactlyInAnyOrder("b1", "b2");
        });
    }

    @Test
    @Order(3)
    void gracefulShutdownFailsNoCall() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger calls = new AtomicInteger();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!stop.get() && System.nanoTime() < deadline) {
                try {
                    answers.add(callB());
                } catch (RuntimeException e) {
                    failures.add(e);
                }
                calls.incrementAndGet();
            }
        });
        await().until(() -> calls.get() > 20);
        b1.close(); // graceful: DRAINING, drain delay, deregister, then the web server stops
        int callsAtClose = calls.get();
        await().until(() -> calls.get() > callsAtClose + 50);
        stop.set(true);
        load.get();

        assertThat(failures).isEmpty();
        assertThat(answers.subList(answers.size() - 20, answers.size())).containsOnly("b2");
        await().atMost(Duration.ofSeconds(10)).until(() -> idsListedByDiscovery().equals(Set.of("b2")));
    }

    @Test
    @Order(4)
    void killedInstanceIsDroppedAfterTheTtl() throws Exception {
        Map<String, Object> p = common("service-b", "b3");
        try (ChildApp b3 = ChildApp.start(p, tmp.resolve("b3.log"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> idsListedByDiscovery().contains("b3"));
            await().atMost(Duration.ofSeconds(10)).until(() -> "b3".equals(callB()));

            b3.kill(); // kill -9: no deregistration
            long killed = System.nanoTime();
            await().atMost(TTL.plusSeconds(10)).until(() -> !idsListedByDiscovery().contains("b3"));
            long goneMs = (System.nanoTime() - killed) / 1_000_000;
            System.out.printf("[%s] killed instance left the caller's cache %d ms after kill -9 (TTL %d ms)%n",
                    backendName(), goneMs, TTL.toMillis());

            for (int i = 0; i < 20; i++) {
                assertThat(callB()).isEqualTo("b2");
            }
        }
    }

    @Test
    @Order(5)
    void healthFollowsTheCluster() throws Exception {
        RestClient health = RestClient.create("http://127.0.0.1:"
                + ((WebServerApplicationContext) caller).getWebServer().getPort() + "/actuator/health/sextant");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(health).contains("\"UP\""));
        // Spring Cloud's own discovery health counts the client initialized once registration announced itself
        String composite = RestClient.create().get().uri("http://127.0.0.1:"
                        + ((WebServerApplicationContext) caller).getWebServer().getPort() + "/actuator/health/discoveryComposite")
                .exchange((req, res) -> new String(res.getBody().readAllBytes()));
        assertThat(composite).contains("\"status\":\"UP\"").contains("\"service-b\"");

        stopCluster();
        long stopped = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).until(() -> status(health).contains("\"DOWN\""));
        System.out.printf("[%s] health DOWN %d ms after the cluster stopped%n", backendName(),
                (System.nanoTime() - stopped) / 1_000_000);

        startCluster();
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(health).contains("\"UP\""));
        System.out.printf("[%s] health UP %d ms after the cluster returned%n", backendName(),
                (System.nanoTime() - started) / 1_000_000);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> "b2".equals(callB()));
    }

    /** The status line of the health endpoint (503 when DOWN, which RestClient would throw on). */
    private static String status(RestClient health) {
        return health.get().exchange((req, res) -> new String(res.getBody().readAllBytes()));
    }
}
