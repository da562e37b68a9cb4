package io.sextant.spring;

import io.sextant.InstanceStatus;
import io.sextant.ServiceInstance;
import org.springframework.cloud.client.serviceregistry.Registration;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * This application's registration as Spring Cloud sees it. Its service, id, host, zone, weight and
 * metadata come from {@code sextant.registration.*}; the port is the web server's, known once it has
 * started. While registered it also holds the live Sextant {@link io.sextant.Registration}.
 *
 * <p>Thread-safe.
 */
public final class SextantRegistration implements Registration {
    private final String service;
    private final String instanceId;
    private final String host;
    private final boolean secure;
    private final String zone;
    private final int weight;
    private final Map<String, String> metadata;
    private volatile int port;
    private volatile io.sextant.Registration live;

    SextantRegistration(String service, String instanceId, String host, int port, boolean secure, String zone,
                        int weight, Map<String, String> metadata) {
        this.service = SextantCaches.serviceName(service);
        this.instanceId = instanceId == null || instanceId.isBlank() ? UUID.randomUUID().toString() : instanceId;
        this.host = host;
        this.port = port;
        this.secure = secure;
        this.zone = zone;
        this.weight = weight;
        Map<String, String> m = new LinkedHashMap<>(metadata);
        if (secure) {
            m.put(SextantServiceInstance.SECURE, "true");
        }
        this.metadata = Collections.unmodifiableMap(m);
    }

    /** The live Sextant registration, while registered. */
    public Optional<io.sextant.Registration> registration() {
        io.sextant.Registration r = live;
        return r == null || r.isClosed() ? Optional.empty() : Optional.of(r);
    }

    /** The instance this registration publishes (status UP). */
    public ServiceInstance toInstance() {
        return ServiceInstance.builder(service).id(instanceId).host(host).port(port).zone(zone).weight(weight)
                .status(InstanceStatus.UP).metadata(metadata).build();
    }

    /** Builds the instance once (with a stand-in port while the real one is unknown) to check every field. */
    void validate() {
        int real = port;
        ServiceInstance.builder(service).id(instanceId).host(host).port(real > 0 ? real : 1).zone(zone).weight(weight)
                .metadata(metadata).build();
    }

    void port(int port) {
        this.port = port;
    }

    void attach(io.sextant.Registration registration) {
        this.live = registration;
    }

    @Override
    public String getInstanceId() {
        return instanceId;
    }

    @Override
    public String getServiceId() {
        return service;
    }

    @Override
    public String getHost() {
        return host;
    }

    /** The advertised port; 0 until the web server has started (unless set by property). */
    @Override
    public int getPort() {
        return port;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public URI getUri() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return URI.create((secure ? "https" : "http") + "://" + h + ":" + port);
    }

    @Override
    public Map<String, String> getMetadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "SextantRegistration{" + service + "/" + instanceId + " " + host + ":" + port + "}";
    }
}
