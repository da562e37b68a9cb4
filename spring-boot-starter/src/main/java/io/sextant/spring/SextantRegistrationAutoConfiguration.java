package io.sextant.spring;

import io.sextant.Registry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Spring Cloud's {@code ServiceRegistry}/{@code Registration} on Sextant, and auto-registration of the
 * application (off with {@code sextant.registration.enabled=false} or
 * {@code spring.cloud.service-registry.auto-registration.enabled=false}).
 */
@AutoConfiguration(after = {SextantAutoConfiguration.class, UtilAutoConfiguration.class})
@ConditionalOnProperty(prefix = "sextant", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(Registry.class)
public class SextantRegistrationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SextantServiceRegistry sextantServiceRegistry(Registry registry) {
        return new SextantServiceRegistry(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    SextantRegistration sextantRegistration(SextantRegistrationProperties p, Environment env, InetUtils inetUtils) {
        String service = p.getService() != null ? p.getService() : env.getProperty("spring.application.name");
        if (service == null || service.isBlank()) {
            throw new SextantConfigurationException("spring.application.name",
                    "the application has no name to register under",
                    "Set 'spring.application.name' (or 'sextant.registration.service'), or turn registration off "
                            + "with 'sextant.registration.enabled=false'.", null);
        }
        String host = p.getHost() != null ? p.getHost() : inetUtils.findFirstNonLoopbackHostInfo().getIpAddress();
        String key = p.getService() != null ? "sextant.registration.service" : "spring.application.name";
        try {
            SextantRegistration registration = new SextantRegistration(service, p.getInstanceId(), host,
                    p.getPort(), p.isSecure(), p.getZone(), p.getWeight(), p.getMetadata());
            registration.validate(); // every field now, at startup, not when the application is ready
            return registration;
        } catch (IllegalArgumentException e) {
            String field = e.getMessage() == null ? "" : e.getMessage().split(" ", 2)[0];
            String property = "service".equals(field) ? key
                    : "id".equals(field) ? "sextant.registration.instance-id" : "sextant.registration." + field;
            throw new SextantConfigurationException(property, e.getMessage(),
                    "Fix '" + property + "' in the application's configuration.", e);
        }
    }

    @Bean
    @ConditionalOnProperty(prefix = "sextant.registration", name = "enabled", matchIfMissing = true)
    @ConditionalOnProperty(prefix = "spring.cloud.service-registry.auto-registration", name = "enabled",
            matchIfMissing = true)
    SextantAutoRegistration sextantAutoRegistration(SextantServiceRegistry serviceRegistry,
                                                    SextantRegistration registration, SextantRegistrationProperties p,
                                                    ApplicationEventPublisher events) {
        return new SextantAutoRegistration(serviceRegistry, registration, p.getDrainDelay(), events);
    }

    @Bean
    @ConditionalOnProperty(prefix = "sextant.registration", name = "follow-readiness", matchIfMissing = true)
    ReadinessStatusListener sextantReadinessStatusListener(SextantRegistration registration) {
        return new ReadinessStatusListener(registration);
    }

    /** Takes the port from the web server, when there is one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebServerInitializedEvent.class)
    static class WebServerPortConfiguration {
        @Bean
        WebServerPortListener sextantWebServerPortListener(SextantRegistration registration, SextantRegistrationProperties p) {
            return new WebServerPortListener(registration, p.getPort() > 0);
        }
    }
}
