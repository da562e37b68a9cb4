package io.sextant.spi;

import io.sextant.SextantConfig;

import java.time.Duration;
import java.util.Map;

/**
 * What a backend is opened with: the core settings it must honour plus every {@code sextant.*} key,
 * from which it reads its own (for example {@code sextant.etcd.endpoints}).
 *
 * @param namespace      one path segment; every key of this registry lives under it (etcd: a key
 *                       prefix {@code /<namespace>}, ZooKeeper: a chroot)
 * @param ttl            how long an ephemeral record outlives its silent owner (etcd lease TTL,
 *                       ZooKeeper session timeout)
 * @param connectTimeout how long {@link BackendProvider#open} may wait for a first connection
 * @param requestTimeout how long one request may take
 * @param config         the whole configuration, for backend-specific keys
 */
public record BackendConfig(String namespace, Duration ttl, Duration connectTimeout, Duration requestTimeout,
                            SextantConfig config) {

    /** The backend settings of {@code config}. */
    public static BackendConfig from(SextantConfig config) {
        return new BackendConfig(config.namespace(), config.ttl(), config.connectTimeout(), config.requestTimeout(),
                config);
    }

    /** A backend-specific key's raw value, or {@code null}. */
    public String property(String key) {
        return config.property(key);
    }

    /** A backend-specific key's raw value, or {@code defaultValue}. */
    public String property(String key, String defaultValue) {
        String v = config.property(key);
        return v == null ? defaultValue : v;
    }

    /** Every key and value. */
    public Map<String, String> properties() {
        return config.properties();
    }
}
