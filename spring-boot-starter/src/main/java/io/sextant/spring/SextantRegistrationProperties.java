package io.sextant.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the application registers itself ({@code sextant.registration.*}). By default it registers as
 * {@code spring.application.name} (lower-cased) on the web server's actual port, once the
 * application is ready, and on graceful shutdown turns DRAINING, waits {@link #getDrainDelay()} and
 * deregisters, all before the web server stops accepting requests.
 */
@ConfigurationProperties("sextant.registration")
public class SextantRegistrationProperties {
    /** Whether the application registers itself. */
    private boolean enabled = true;
    /** Service name; default spring.application.name, lower-cased. */
    private String service;
    /** Instance id, unique within the service; a random UUID when unset. */
    private String instanceId;
    /** Advertised host; default the first non-loopback address found by Spring Cloud's InetUtils. */
    private String host;
    /** Advertised port; default the web server's actual port (0 means that). */
    private int port;
    /** Whether callers should use https; published as metadata "secure". */
    private boolean secure;
    /** Zone of this instance (for zone-aware balancing). */
    private String zone;
    /** Relative weight 0..10000. */
    private int weight = 100;
    /** Metadata published with the instance. */
    private Map<String, String> metadata = new LinkedHashMap<>();
    /**
     * How long the instance stays DRAINING on shutdown before it deregisters and the web server stops
     * accepting: the time callers have to see the change and stop sending.
     */
    private Duration drainDelay = Duration.ofSeconds(1);
    /**
     * Whether Spring Boot's readiness state drives the published status: REFUSING_TRAFFIC publishes
     * DRAINING, ACCEPTING_TRAFFIC publishes UP.
     */
    private boolean followReadiness = true;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getService() { return service; }
    public void setService(String service) { this.service = service; }
    public String getInstanceId() { return instanceId; }
    public void setInstanceId(String instanceId) { this.instanceId = instanceId; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public boolean isSecure() { return secure; }
    public void setSecure(boolean secure) { this.secure = secure; }
    public String getZone() { return zone; }
    public void setZone(String zone) { this.zone = zone; }
    public int getWeight() { return weight; }
    public void setWeight(int weight) { this.weight = weight; }
    public Map<String, String> getMetadata() { return metadata; }
    public void setMetadata(Map<String, String> metadata) { this.metadata = metadata; }
    public Duration getDrainDelay() { return drainDelay; }
    public void setDrainDelay(Duration drainDelay) { this.drainDelay = drainDelay; }
    public boolean isFollowReadiness() { return followReadiness; }
    public void setFollowReadiness(boolean followReadiness) { this.followReadiness = followReadiness; }
}
