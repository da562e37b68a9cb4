package io.sextant.spring;

import io.sextant.Registry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

/**
 * Spring Cloud {@code DiscoveryClient} and {@code ReactiveDiscoveryClient} (when Reactor is present)
 * over Sextant's caches, and Sextant as the instance source of every Spring Cloud LoadBalancer client
 * ({@link SextantLoadBalancerClientConfiguration}), and a Spring Cloud {@code HeartbeatEvent} for every
 * cache change. Off with {@code sextant.discovery.enabled=false}
 * or {@code spring.cloud.discovery.enabled=false}.
 */
@AutoConfiguration(after = SextantAutoConfiguration.class)
@ConditionalOnProperty(prefix = "sextant", name = "enabled", matchIfMissing = true)
@ConditionalOnProperty(prefix = "sextant.discovery", name = "enabled", matchIfMissing = true)
@ConditionalOnDiscoveryEnabled
@ConditionalOnBean(Registry.class)
public class SextantDiscoveryAutoConfiguration {

    @Bean
    CacheHeartbeatPublisher sextantCacheHeartbeatPublisher(Registry registry, ApplicationEventPublisher events) {
        return new CacheHeartbeatPublisher(registry, events);
    }

    /** The blocking client. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBlockingDiscoveryEnabled
    static class BlockingConfiguration {
        @Bean
        @ConditionalOnMissingBean
        SextantDiscoveryClient sextantDiscoveryClient(SextantCaches caches) {
            return new SextantDiscoveryClient(caches);
        }
    }

    /** With Reactor on the class path (Spring Cloud's own reactive clients also want WebFlux; this one does not). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Flux.class)
    @ConditionalOnProperty(prefix = "spring.cloud.discovery.reactive", name = "enabled", matchIfMissing = true)
    static class ReactiveConfiguration {
        @Bean
        @ConditionalOnMissingBean
        SextantReactiveDiscoveryClient sextantReactiveDiscoveryClient(SextantCaches caches) {
            return new SextantReactiveDiscoveryClient(caches);
        }
    }

    /** Registers Sextant's supplier (and balancer, when a strategy is named) for every load-balanced client. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LoadBalancerClients.class)
    @ConditionalOnProperty(prefix = "spring.cloud.loadbalancer", name = "enabled", matchIfMissing = true)
    @LoadBalancerClients(defaultConfiguration = SextantLoadBalancerClientConfiguration.class)
    static class LoadBalancerConfiguration {
    }
}
