package io.sextant.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Spring Cloud side ({@code sextant.discovery.*}): {@code DiscoveryClient}, the LoadBalancer's
 * instance supplier and, when {@link #getStrategy()} is set, Sextant's own balancer.
 */
@ConfigurationProperties("sextant.discovery")
public class SextantDiscoveryProperties {
    /** Whether the DiscoveryClient and LoadBalancer integration is on. */
    private boolean enabled = true;
    /** How long a first lookup of a service waits for its cache's first read. */
    private Duration readyTimeout = Duration.ofSeconds(5);
    /** Services whose caches are opened at startup, so the first call finds them ready. */
    private List<String> watch = new ArrayList<>();
    /**
     * A Sextant balancing strategy (round-robin, maglev, p2c-peak-ewma, ...) to use in place of Spring
     * Cloud LoadBalancer's round robin; call results feed its per-instance circuit breakers. Unset:
     * Spring Cloud's own load balancer over Sextant's live instance lists.
     */
    private String strategy;
    /** Request header whose value is the key for hashing strategies (maglev, ring-hash, rendezvous, sticky). */
    private String keyHeader = "X-Sextant-Key";

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Duration getReadyTimeout() { return readyTimeout; }
    public void setReadyTimeout(Duration readyTimeout) { this.readyTimeout = readyTimeout; }
    public List<String> getWatch() { return watch; }
    public void setWatch(List<String> watch) { this.watch = watch; }
    public String getStrategy() { return strategy; }
    public void setStrategy(String strategy) { this.strategy = strategy; }
    public String getKeyHeader() { return keyHeader; }
    public void setKeyHeader(String keyHeader) { this.keyHeader = keyHeader; }
}
