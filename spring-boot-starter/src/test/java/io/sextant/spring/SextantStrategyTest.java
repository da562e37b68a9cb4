package io.sextant.spring;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Cloud LoadBalancer over Sextant on the memory backend: by default Spring Cloud's round robin
 * over Sextant's supplier; with {@code sextant.discovery.strategy} a Sextant balancer whose breakers get
 * the call results, from a {@code RestClient} and from a {@code WebClient}, and whose hashing follows
 * the key header. Service {@code service-b} has two healthy instances; {@code service-c} one healthy
 * and one answering 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SextantStrategyTest {
    private final String server = "s" + UUID.randomUUID();
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    /** A caller with a load-balanced WebClient. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ReactiveCallerApp {
        @Bean
        @LoadBalanced
        WebClient.Builder loadBalancedWebClientBuilder() {
            return WebClient.builder();
        }
    }

    @BeforeAll
    void startServices() {
        start(ServiceBApp.class, "service-b", "b1");
        start(ServiceBApp.class, "service-b", "b2");
        start(ServiceBApp.class, "service-c", "c1");
        start(ServiceBApp.class, "service-c", "c2", "test.failing=true");
    }

    @AfterAll
    void stop() {
        apps.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext start(Class<?> app, String service, String id, String... extra) {
        Map<String, Object> p = new HashMap<>(Map.of("sextant.backend", "memory", "sextant.memory.server", server,
                "spring.application.name", service, "server.port", 0, "sextant.registration.host", "127.0.0.1",
                "sextant.registration.instance-id", id, "sextant.registration.drain-delay", "0s"));
        for (String kv : extra) {
            p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(app).properties(p).run();
        apps.add(ctx);
        return ctx;
    }

    private static ReactiveLoadBalancer<ServiceInstance> loadBalancer(ConfigurableApplicationContext caller, String service) {
        return caller.getBean(LoadBalancerClientFactory.class).getInstance(service);
    }

    private static RestClient client(ConfigurableApplicationContext caller, String service) {
        return caller.getBean("loadBalancedRestClientBuilder", RestClient.Builder.class).clone()
                .baseUrl("http://" + service).build();
    }

    /** Calls until c2's breaker opens (at most 40 calls); every successful answer must come from c1. */
    private static int callUntilC2IsEjected(SextantReactorLoadBalancer lb, Supplier<String> call, Class<? extends Exception> failure) {
        int failures = 0;
        for (int i = 0; i < 40 && !isOpen(lb, "c2"); i++) {
            try {
                assertThat(call.get()).isEqualTo("c1");
            } catch (RuntimeException e) {
                assertThat(e).isInstanceOf(failure);
                failures++;
            }
        }
        return failures;
    }

    private static boolean isOpen(SextantReactorLoadBalancer lb, String id) {
        return lb.balancer().circuitBreaker(id).map(cb -> cb.getState() == CircuitBreaker.State.OPEN).orElse(false);
    }

    @Test
    void withoutAStrategySpringCloudsRoundRobinRunsOverSextantsSupplier() {
        ConfigurableApplicationContext caller = start(CallerApp.class, "service-a", "a1");

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            seen.add(client(caller, "service-b").get().uri("/who").retrieve().body(String.class));
        }
        assertThat(seen).containsExactlyInAnyOrder("b1", "b2");
        assertThat(loadBalancer(caller, "service-b")).isInstanceOf(RoundRobinLoadBalancer.class);
    }

    @Test
    void restClientFailuresOpenTheInstancesBreakerAndCallsMoveAway() {
        ConfigurableApplicationContext caller = start(CallerApp.class, "service-a", "a2",
                "sextant.discovery.strategy=round-robin");
        RestClient serviceC = client(caller, "service-c");
        SextantReactorLoadBalancer lb = (SextantReactorLoadBalancer) loadBalancer(caller, "service-c");
        assertThat(lb.balancer().strategyName()).isEqualTo("round-robin");

        int failures = callUntilC2IsEjected(lb, () -> serviceC.get().uri("/who").retrieve().body(String.class),
                HttpServerErrorException.InternalServerError.class);

        assertThat(failures).isBetween(5, 20);
        assertThat(isOpen(lb, "c2")).isTrue();
        assertThat(isOpen(lb, "c1")).isFalse();
        for (int i = 0; i < 20; i++) {
            assertThat(serviceC.get().uri("/who").retrieve().body(String.class)).isEqualTo("c1");
        }
    }

    @Test
    void webClientFailuresOpenTheInstancesBreakerToo() {
        ConfigurableApplicationContext caller = start(ReactiveCallerApp.class, "service-a", "a3",
                "sextant.discovery.strategy=round-robin");
        WebClient serviceC = caller.getBean(WebClient.Builder.class).clone().baseUrl("http://service-c").build();
        SextantReactorLoadBalancer lb = (SextantReactorLoadBalancer) loadBalancer(caller, "service-c");

        int failures = callUntilC2IsEjected(lb, () -> serviceC.get().uri("/who").retrieve().bodyToMono(String.class).block(),
                WebClientResponseException.InternalServerError.class);

        assertThat(failures).isBetween(5, 20);
        assertThat(isOpen(lb, "c2")).isTrue();
        assertThat(serviceC.get().uri("/who").retrieve().bodyToMono(String.class).block()).isEqualTo("c1");
    }

    @Test
    void keyHeaderPinsAKeyToOneInstanceWithAHashingStrategy() {
        ConfigurableApplicationContext caller = start(CallerApp.class, "service-a", "a4",
                "sextant.discovery.strategy=maglev");
        RestClient serviceB = client(caller, "service-b");
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
