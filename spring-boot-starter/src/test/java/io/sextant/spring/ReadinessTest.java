package io.sextant.spring;

import io.sextant.InstanceStatus;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.SextantConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Spring Boot's readiness state drives the published status (memory backend). */
class ReadinessTest {

    @Test
    void refusingTrafficPublishesDrainingAndAcceptingPublishesUp() throws Exception {
        String server = "s" + UUID.randomUUID();
        Map<String, Object> p = Map.of("sextant.backend", "memory", "sextant.memory.server", server,
                "spring.application.name", "ready-b", "sextant.registration.host", "127.0.0.1",
                "sextant.registration.port", 4321, "sextant.registration.instance-id", "r1",
                "sextant.registration.drain-delay", "0s");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ServiceBApp.class)
                     .web(WebApplicationType.NONE).properties(p).run();
             Registry observer = Registry.open(SextantConfig.builder().backend("memory")
                     .set("sextant.memory.server", server).build());
             ServiceCache cache = observer.cache("ready-b")) {
            assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();
            await().until(() -> status(cache) == InstanceStatus.UP);

            AvailabilityChangeEvent.publish(app, ReadinessState.REFUSING_TRAFFIC);
            await().until(() -> status(cache) == InstanceStatus.DRAINING);
            assertThat(app.getBean(SextantDiscoveryClient.class).getInstances("ready-b")).isEmpty();

            AvailabilityChangeEvent.publish(app, ReadinessState.ACCEPTING_TRAFFIC);
            await().until(() -> status(cache) == InstanceStatus.UP);
        }
    }

    private static InstanceStatus status(ServiceCache cache) {
        return cache.snapshot().isEmpty() ? null : cache.snapshot().get(0).status();
    }
}
