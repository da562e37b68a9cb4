package io.sextant.spring;

import io.sextant.Registry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code sextant} health indicator, when Spring Boot's health support is present. */
@AutoConfiguration(after = SextantAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnProperty(prefix = "sextant", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(Registry.class)
@ConditionalOnEnabledHealthIndicator("sextant")
public class SextantHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "sextantHealthIndicator")
    SextantHealthIndicator sextantHealthIndicator(Registry registry) {
        return new SextantHealthIndicator(registry);
    }
}
