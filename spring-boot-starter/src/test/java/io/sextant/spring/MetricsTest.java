package io.sextant.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With Micrometer and sextant-micrometer present, Sextant's meters appear in the application's registry. */
class MetricsTest {

    private static Map<String, Object> properties(String server, boolean metrics) {
        return Map.of("sextant.backend", "memory", "sextant.memory.server", server,
                "spring.application.name", "metered", "sextant.registration.host", "127.0.0.1",
                "sextant.registration.port", 4321, "sextant.registration.drain-delay", "0s",
                "sextant.metrics.enabled", metrics, "sextant.registration.instance-id", "m1");
    }

    @Test
    void registryMetersAreBoundToTheApplicationsMeterRegistry() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ServiceBApp.class)
                .web(WebApplicationType.NONE).properties(properties("m" + UUID.randomUUID(), true)).run()) {
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            await().untilAsserted(() -> {
                assertThat(meters.find("sextant.registrations.live").tag("backend", "memory").gauge()).isNotNull();
                assertThat(meters.get("sextant.registrations.live").gauge().value()).isEqualTo(1.0);
            });
            assertThat(meters.find("sextant.connection.state").meters()).isNotEmpty();
        }
    }

    @Test
    void metricsCanBeTurnedOff() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ServiceBApp.class)
                .web(WebApplicationType.NONE).properties(properties("m" + UUID.randomUUID(), false)).run()) {
            assertThat(app.getBean(MeterRegistry.class).find("sextant.registrations.live").meters()).isEmpty();
        }
    }
}
