/**
 * Spring Boot auto-configuration for Sextant: a {@link io.sextant.Registry} from {@code sextant.*}
 * properties, auto-registration of the application, Spring Cloud {@code DiscoveryClient},
 * {@code ServiceRegistry} and LoadBalancer integration over live caches, an Actuator health
 * indicator and a failure analyzer for bad configuration.
 *
 * <p>Public types are the ones applications configure or inject: the properties, the Spring Cloud
 * adapters and the configuration exception. Everything else is package-private. Nothing here returns
 * {@code null} unless its javadoc says so.
 */
package io.sextant.spring;
