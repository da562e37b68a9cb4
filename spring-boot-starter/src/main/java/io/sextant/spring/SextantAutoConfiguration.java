package io.sextant.spring;

import io.sextant.Registry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A {@link Registry} from {@code sextant.*} properties, unless the application defines its own
 * {@code Registry} bean; nothing at all when {@code sextant.enabled=false}. Bad configuration fails
 * startup with a {@link SextantConfigurationException} that names the property.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "sextant", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties({SextantProperties.class, SextantRegistrationProperties.class,
        SextantDiscoveryProperties.class})
public class SextantAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Registry sextantRegistry(SextantProperties properties) {
        return SextantConfigFactory.open(SextantConfigFactory.config(properties));
    }

    @Bean
    @ConditionalOnMissingBean
    SextantCaches sextantCaches(Registry registry, SextantDiscoveryProperties discovery) {
        SextantCaches caches = new SextantCaches(registry, discovery.getReadyTimeout());
        discovery.getWatch().forEach(caches::cache);
        return caches;
    }
}
