package io.sextant.spring;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The beans of each Spring Cloud LoadBalancer client's own context (one per service id). Registered
 * as the default configuration, so they come before Spring Cloud's defaults, which then back off:
 * Sextant's live supplier in place of the polling, TTL-cached discovery supplier, and, when
 * {@code sextant.discovery.strategy} is set, Sextant's balancer in place of round robin.
 *
 * <p>Not meant for component scanning; Spring Cloud instantiates it per client.
 */
@Configuration(proxyBeanMethods = false)
public class SextantLoadBalancerClientConfiguration {

    @Bean
    ServiceInstanceListSupplier sextantServiceInstanceListSupplier(Environment env, SextantCaches caches) {
        return new SextantServiceInstanceListSupplier(env.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME), caches);
    }

    @Bean
    @ConditionalOnProperty(prefix = "sextant.discovery", name = "strategy")
    ReactorLoadBalancer<ServiceInstance> sextantReactorLoadBalancer(Environment env, SextantCaches caches,
                                                                    SextantDiscoveryProperties p,
                                                                    SextantRegistrationProperties registration) {
        return new SextantReactorLoadBalancer(env.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME), caches,
                p.getStrategy(), p.getKeyHeader(), registration.getZone());
    }

    @Bean
    @ConditionalOnProperty(prefix = "sextant.discovery", name = "strategy")
    LoadBalancerLifecycle<Object, Object, ServiceInstance> sextantLoadBalancerLifecycle() {
        return new SextantLoadBalancerLifecycle();
    }
}
