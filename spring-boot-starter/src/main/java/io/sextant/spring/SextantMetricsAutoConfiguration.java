package io.sextant.spring;

import io.sextant.Registry;
import io.sextant.micrometer.SextantMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Sextant's meters ({@code sextant-micrometer}) bound to the application's Micrometer registries, when
 * that module and Micrometer are on the class path: {@link SextantMetrics} is a {@code MeterBinder},
 * which Spring Boot binds to every {@code MeterRegistry} it configures. Off with
 * {@code sextant.metrics.enabled=false}.
 */
@AutoConfiguration(after = SextantAutoConfiguration.class)
@ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry", "io.sextant.micrometer.SextantMetrics"})
@ConditionalOnProperty(prefix = "sextant", name = "enabled", matchIfMissing = true)
@ConditionalOnProperty(prefix = "sextant.metrics", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(Registry.class)
public class SextantMetricsAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SextantMetrics sextantMetrics(Registry registry) {
        return SextantMetrics.of(registry);
    }
}
