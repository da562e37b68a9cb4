package io.sextant.spring;

import org.springframework.cloud.client.ServiceInstance;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Sextant instance seen through Spring Cloud's {@link ServiceInstance}. The metadata is the
 * instance's own, plus {@value #ZONE} (when it has a zone, for Spring Cloud's zone preference) and
 * {@value #STATUS}. {@link #isSecure()} reads the metadata entry {@value #SECURE}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SextantServiceInstance implements ServiceInstance {
    /** Metadata key: "true" when callers should use https. */
    public static final String SECURE = "secure";
    /** Metadata key holding the instance's zone. */
    public static final String ZONE = "zone";
    /** Metadata key holding the instance's status (UP, DRAINING, DOWN). */
    public static final String STATUS = "sextant.status";

    private final io.sextant.ServiceInstance instance;
    private final Map<String, String> metadata;
    private final boolean secure;
    private final URI uri;

    /** Wraps {@code instance}. */
    public SextantServiceInstance(io.sextant.ServiceInstance instance) {
        this.instance = instance;
        Map<String, String> m = new LinkedHashMap<>(instance.metadata());
        if (!instance.zone().isEmpty()) {
            m.putIfAbsent(ZONE, instance.zone());
        }
        m.put(STATUS, instance.status().name());
        this.metadata = Collections.unmodifiableMap(m);
        this.secure = Boolean.parseBoolean(instance.metadata().get(SECURE));
        this.uri = URI.create((secure ? "https" : "http") + "://" + instance.address());
    }

    /** The Sextant instance. */
    public io.sextant.ServiceInstance instance() {
        return instance;
    }

    @Override
    public String getInstanceId() {
        return instance.id();
    }

    @Override
    public String getServiceId() {
        return instance.service();
    }

    @Override
    public String getHost() {
        return instance.host();
    }

    @Override
    public int getPort() {
        return instance.port();
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public String getScheme() {
        return secure ? "https" : "http";
    }

    @Override
    public Map<String, String> getMetadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SextantServiceInstance && ((SextantServiceInstance) o).instance.equals(instance);
    }

    @Override
    public int hashCode() {
        return instance.hashCode();
    }

    @Override
    public String toString() {
        return instance.toString();
    }
}
