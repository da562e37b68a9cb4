package io.sextant;

import io.sextant.spi.support.Checks;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything needed to open a {@link Registry}: which backend, where it is, and how the core behaves.
 *
 * <p>Built with {@link #builder()}, from {@link #fromProperties(Properties) Properties} (keys
 * {@code sextant.*}) or from {@link #fromEnvironment(Map) environment variables} ({@code SEXTANT_*}:
 * {@code SEXTANT_ETCD_ENDPOINTS} is the key {@code sextant.etcd.endpoints}). Swapping backends is a
 * change of {@code sextant.backend} and its connection keys; application code stays the same.
 *
 * <p>Keys understood by the core (backends read their own, such as {@code sextant.etcd.endpoints} or
 * {@code sextant.zookeeper.connect}, through {@link #property(String)}):
 * <table>
 * <caption>Core keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>sextant.backend</td><td>(required)</td><td>backend name: etcd, zookeeper, memory</td></tr>
 * <tr><td>sextant.namespace</td><td>sextant</td><td>key prefix / chroot, one path segment</td></tr>
 * <tr><td>sextant.ttl</td><td>10s</td><td>etcd lease TTL; ZooKeeper session timeout</td></tr>
 * <tr><td>sextant.connect.timeout</td><td>5s</td><td>first connection</td></tr>
 * <tr><td>sextant.request.timeout</td><td>5s</td><td>one backend request</td></tr>
 * <tr><td>sextant.cache.massdrop.threshold</td><td>0.5</td><td>share of a set that may drop at once while unstable</td></tr>
 * <tr><td>sextant.cache.snapshot.dir</td><td>(none)</td><td>directory for cache snapshot files</td></tr>
 * <tr><td>sextant.supervisor.interval</td><td>30s</td><td>how often live registrations are verified</td></tr>
 * <tr><td>sextant.start.offline</td><td>true with a snapshot dir, else false</td><td>open even when the
 * backend is unreachable: caches serve the snapshot file, registrations are written when it appears</td></tr>
 * </table>
 * Durations are ISO-8601 ({@code PT10S}) or a number with a unit {@code ms}, {@code s}, {@code m}
 * ({@code 10s}, {@code 500ms}).
 *
 * <p>Immutable and thread-safe.
 */
public final class SextantConfig {
    public static final String BACKEND = "sextant.backend";
    public static final String NAMESPACE = "sextant.namespace";
    public static final String TTL = "sextant.ttl";
    public static final String CONNECT_TIMEOUT = "sextant.connect.timeout";
    public static final String REQUEST_TIMEOUT = "sextant.request.timeout";
    public static final String MASS_DROP_THRESHOLD = "sextant.cache.massdrop.threshold";
    public static final String SNAPSHOT_DIR = "sextant.cache.snapshot.dir";
    public static final String START_OFFLINE = "sextant.start.offline";
    public static final String SUPERVISOR_INTERVAL = "sextant.supervisor.interval";

    private static final String PREFIX = "sextant.";

    private final Map<String, String> values;

    private SextantConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        // Validate everything typed now, so a bad value fails at build time, naming its key.
        Checks.matches(BACKEND, backend(), java.util.regex.Pattern.compile("[a-z0-9-]{1,32}"),
                "name a backend such as etcd, zookeeper or memory");
        Checks.matches(NAMESPACE, namespace(), Checks.NAMESPACE,
                "match [a-z0-9]([a-z0-9._-]{0,62}) (one path segment)");
        Checks.positive(TTL, ttl());
        Checks.positive(CONNECT_TIMEOUT, connectTimeout());
        Checks.positive(REQUEST_TIMEOUT, requestTimeout());
        Checks.inRange(MASS_DROP_THRESHOLD, massDropThreshold(), 0.0, 1.0);
        Checks.positive(SUPERVISOR_INTERVAL, supervisorInterval());
    }

    /** A builder with no keys set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's keys, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        return b;
    }

    /** Reads every {@code sextant.*} key of {@code properties}; others are ignored. */
    public static SextantConfig fromProperties(Properties properties) {
        Builder b = builder();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                b.set(name, properties.getProperty(name));
            }
        }
        return b.build();
    }

    /** Reads {@code SEXTANT_*} variables of {@link System#getenv()}. */
    public static SextantConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads {@code SEXTANT_*} variables: {@code SEXTANT_A_B} becomes the key {@code sextant.a.b}.
     */
    public static SextantConfig fromEnvironment(Map<String, String> environment) {
        Builder b = builder();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (e.getKey().startsWith("SEXTANT_")) {
                b.set(e.getKey().toLowerCase(Locale.ROOT).replace('_', '.'), e.getValue());
            }
        }
        return b.build();
    }

    public String backend() {
        String b = values.get(BACKEND);
        if (b == null) {
            throw new IllegalArgumentException(BACKEND + " must be set (for example etcd, zookeeper or memory)");
        }
        return b;
    }

    public String namespace() {
        return values.getOrDefault(NAMESPACE, "sextant");
    }

    public Duration ttl() {
        return duration(TTL, Duration.ofSeconds(10));
    }

    public Duration connectTimeout() {
        return duration(CONNECT_TIMEOUT, Duration.ofSeconds(5));
    }

    public Duration requestTimeout() {
        return duration(REQUEST_TIMEOUT, Duration.ofSeconds(5));
    }

    public double massDropThreshold() {
        String v = values.get(MASS_DROP_THRESHOLD);
        if (v == null) {
            return 0.5;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MASS_DROP_THRESHOLD + " must be a number in 0.0..1.0, got '" + v + "'", e);
        }
    }

    /**
     * Whether {@link Registry#open} succeeds while the backend is unreachable ({@value #START_OFFLINE}):
     * by default yes when a snapshot directory is configured (the case it exists for: a restart during a
     * registry outage), no otherwise (fail fast).
     */
    public boolean startOffline() {
        String v = values.get(START_OFFLINE);
        if (v == null) {
            return snapshotDir() != null;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(START_OFFLINE + " must be true or false, got '" + Checks.abbreviate(v) + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** Directory for cache snapshot files, or {@code null} when snapshot files are off. */
    public String snapshotDir() {
        return values.get(SNAPSHOT_DIR);
    }

    public Duration supervisorInterval() {
        return duration(SUPERVISOR_INTERVAL, Duration.ofSeconds(30));
    }

    /** The raw value of any key, or {@code null}. */
    public String property(String key) {
        return values.get(key);
    }

    /** Every key and value, sorted by key. */
    public Map<String, String> properties() {
        return values;
    }

    /** Reads a duration-valued key, or {@code defaultValue} when unset. */
    public Duration duration(String key, Duration defaultValue) {
        String v = values.get(key);
        return v == null ? defaultValue : parseDuration(key, v);
    }

    /** Parses {@code PT10S}, {@code 10s}, {@code 500ms}, {@code 2m} or a bare number of seconds. */
    public static Duration parseDuration(String key, String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 10s, 500ms, 2m or PT10S, got '"
                    + Checks.abbreviate(text) + "'", e);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SextantConfig{");
        values.forEach((k, v) -> sb.append(k).append('=')
                .append(k.contains("password") || k.contains("secret") ? "****" : v).append(", "));
        if (!values.isEmpty()) {
            sb.setLength(sb.length() - 2);
        }
        return sb.append('}').toString();
    }

    /** Collects keys; {@link #build()} validates the typed ones. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> values = new TreeMap<>();

        private Builder() {
        }

        /** Sets any key (must start with {@code sextant.}); a {@code null} value removes it. */
        public Builder set(String key, String value) {
            Checks.notNull("key", key);
            if (!key.startsWith(PREFIX)) {
                throw new IllegalArgumentException("key must start with 'sextant.', got '" + Checks.abbreviate(key) + "'");
            }
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, value.trim());
            }
            return this;
        }

        public Builder backend(String name) {
            return set(BACKEND, name);
        }

        public Builder namespace(String namespace) {
            return set(NAMESPACE, namespace);
        }

        public Builder ttl(Duration ttl) {
            return set(TTL, Checks.positive("ttl", ttl).toString());
        }

        public Builder connectTimeout(Duration timeout) {
            return set(CONNECT_TIMEOUT, Checks.positive("connectTimeout", timeout).toString());
        }

        public Builder requestTimeout(Duration timeout) {
            return set(REQUEST_TIMEOUT, Checks.positive("requestTimeout", timeout).toString());
        }

        public Builder massDropThreshold(double share) {
            return set(MASS_DROP_THRESHOLD, Double.toString(Checks.inRange("massDropThreshold", share, 0.0, 1.0)));
        }

        /** {@link SextantConfig#startOffline()}. */
        public Builder startOffline(boolean allowed) {
            return set(START_OFFLINE, String.valueOf(allowed));
        }

        public Builder snapshotDir(String directory) {
            return set(SNAPSHOT_DIR, directory);
        }

        public Builder supervisorInterval(Duration interval) {
            return set(SUPERVISOR_INTERVAL, Checks.positive("supervisorInterval", interval).toString());
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first key whose value breaks its rule
         */
        public SextantConfig build() {
            return new SextantConfig(values);
        }
    }
}
