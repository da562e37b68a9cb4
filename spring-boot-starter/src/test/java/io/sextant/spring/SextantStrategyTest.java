package io.sextant.spring;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The opt-in Sextant balancer behind Spring Cloud LoadBalancer ({@code sextant.discovery.strategy}),
 * on the memory backend: call results reach its circuit breakers, and the key header drives hashing.
 */
class SextantStrategyTest {
    private final String server = "s" + UUID.randomUUID();
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    @AfterEach
    void stop() {
        apps.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext start(Class<?> app, String service, String id, String... extra) {
        Map<String, Object> p = new HashMap<>();
        p.put("sextant.backend", "memory");
        p.put("sextant.memory.server", server);
        p.put("spring.application.name", service);
        p.put("server.port", 0);
        p.put("sextant.registration.host", "127.0.0.1");
        p.put("sextant.registration.instance-id", id);
        p.put("sextant.registration.drain-delay", "0s");
        for (String kv : extra) {
            String[] parts = kv.split("=", 2);
            p.put(parts[0], parts[1]);
        }
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(app).properties(p).run();
        apps.add(ctx);
        return ctx;
    }

    private static ReactiveLoadBalancer<ServiceInstance> loadBalancer(ConfigurableApplicationContext caller) {
        return caller.getBean(LoadBalancerClientFactory.class).getInstance("service-b");
    }

    @Test
    void withoutAStrategySpringCloudsRoundRobinRunsOverSextantsSupplier() {
        start(ServiceBApp.class, "service-b", "b1");
        ConfigurableApplicationContext caller = start(CallerApp.class, "service-a", "a1");

        assertThat(caller.getBean("serviceB", RestClient.class).get().uri("/who").retrieve().body(String.class))
                .isEqualTo("b1");
        assertThat(loadBalancer(caller)).isInstanceOf(RoundRobinLoadBalancer.class);
    }

    @Test
    void failingCallsOpenTheInstancesBreakerAndCallsMoveAway() {
        start(ServiceBApp.class, "service-b", "b1");
        start(ServiceBApp.class, "service-b", "b2", "test.failing=true");
        ConfigurableApplicationContext caller = start(CallerApp.class, "service-a", "a1",
                "sextant.discovery.strategy=round-robin");
        RestClient serviceB = caller.getBean("serviceB", RestClient.class);
        SextantReactorLoadBalancer lb = (SextantReactorLoadBalancer) loadBalancer(caller);
        assertThat(lb.balancer().strategyName()).isEqualTo("round-robin");

        int failures = 0;
        for (int i = 0; i < 40 && !lb.balancer().circuitBreaker("b2").map(cb -> cb.getState() == CircuitBreaker.State.OPEN)
                .orElse(false); i++) {
            try {
                assertThat(serviceB.get().uri("/who").retrieve().body(String.class)).isEqualTo("b1");
            } catch (HttpServerErrorException e) {
                failures++;
            }
        }
        assertThat(failures).isGreaterThanOrEqualTo(5);
        assertThat(lb.balancer().circuitBreaker("b2")).get().extracting(CircuitBreaker::getState)
                .isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(lb.balancer().circuitBreaker("b1")).get().extracting(CircuitBreaker::getState)
                .isEqualTo(CircuitBreaker.State.CLOSED);
        for (int i = 0; i < 20; i++) {
            assertThat(serviceB.get().uri("/who").retrieve().body(String.class)).isEqualTo("b1");
        }
    }

    @Test
    void keyHeaderPinsAKeyToOneInstanceWithAHashingStrategy() {
        start(ServiceBApp.class, "service-b", "b1");
        start(ServiceBApp.class, "service-b", "b2");
        ConfigurableApplicationContext caller = start(CallerApp.class, "service-a", "a1",
                "sextant.discovery.strategy=maglev");
        RestClient serviceB = caller.getBean("serviceB", RestClient.class);
        await().until(() -> caller.getBean(SextantDiscoveryClient.class).getInstances("service-b").size() == 2);

        Set<String> owners = new HashSet<>();
        for (int k = 0; k < 20; k++) {
            String key = "customer-" + k;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                seen.add(serviceB.get().uri("/who").header("X-Sextant-Key", key).retrieve().body(String.class));
            }
            assertThat(seen).as("instances that served key %s", key).hasSize(1);
            owners.addAll(seen);
        }
        assertThat(owners).containsExactlyInAnyOrder("b1", "b2");
    }
}
