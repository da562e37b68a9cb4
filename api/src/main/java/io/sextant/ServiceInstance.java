package io.sextant;

import io.sextant.spi.support.Checks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One registered instance of a service: where it listens and how it wants to be treated.
 *
 * <p>Immutable and thread-safe. Every instance that exists has passed validation; the rules are
 * listed on the {@link Builder} setters and a violation throws {@link IllegalArgumentException}
 * naming the field, the rule and the bad value.
 *
 * <p>Equality covers every field, so a changed weight, status or metadata makes a different value.
 */
public final class ServiceInstance {
    /** Most metadata entries an instance may carry. */
    public static final int MAX_METADATA_ENTRIES = 64;
    /** Most bytes the metadata may take, keys plus values, in UTF-8. */
    public static final int MAX_METADATA_BYTES = 16 * 1024;
    /** Weight given when none is set. */
    public static final int DEFAULT_WEIGHT = 100;
    /** Largest allowed weight. */
    public static final int MAX_WEIGHT = 10_000;

    private final String service;
    private final String id;
    private final String host;
    private final int port;
    private final String zone;
    private final int weight;
    private final InstanceStatus status;
    private final Map<String, String> metadata;
    private final Instant registeredAt;

    private ServiceInstance(Builder b) {
        this.service = Checks.serviceName("service", b.service);
        this.id = Checks.matches("id", b.id == null ? UUID.randomUUID().toString() : b.id, Checks.INSTANCE_ID,
                "be 1 to 128 characters of [A-Za-z0-9._:@-] (no '/' or whitespace)");
        this.host = checkHost(b.host);
        this.port = Checks.inRange("port", b.port, 1, 65535);
        this.zone = Checks.matches("zone", b.zone == null ? "" : b.zone, Checks.ZONE,
                "be at most 64 characters of [A-Za-z0-9._-]");
        this.weight = Checks.inRange("weight", b.weight, 0, MAX_WEIGHT);
        this.status = Checks.notNull("status", b.status);
        this.metadata = checkMetadata(b.metadata);
        this.registeredAt = b.registeredAt == null ? Instant.now() : b.registeredAt;
    }

    private static String checkHost(String host) {
        Checks.notNull("host", host);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (host.length() > 253) {
            throw new IllegalArgumentException("host must be at most 253 characters, got " + host.length());
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.isWhitespace(c) || c == '/' || Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        "host must not contain whitespace, control characters or '/', got '" + Checks.abbreviate(host) + "'");
            }
        }
        return host;
    }

    private static Map<String, String> checkMetadata(Map<String, String> metadata) {
        Checks.notNull("metadata", metadata);
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw new IllegalArgumentException("metadata must have at most " + MAX_METADATA_ENTRIES
                    + " entries, got " + metadata.size());
        }
        int bytes = 0;
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("metadata keys must be non-empty strings");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("metadata value for '" + Checks.abbreviate(e.getKey()) + "' must not be null");
            }
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
            copy.put(e.getKey(), e.getValue());
        }
        if (bytes > MAX_METADATA_BYTES) {
            throw new IllegalArgumentException("metadata must encode to at most " + MAX_METADATA_BYTES
                    + " bytes (UTF-8 keys plus values), got " + bytes);
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Starts a builder for an instance of {@code service}. */
    public static Builder builder(String service) {
        return new Builder().service(service);
    }

    /** A builder holding this instance's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder().service(service).id(id).host(host).port(port).zone(zone).weight(weight)
                .status(status).metadata(metadata).registeredAt(registeredAt);
    }

    /** The service name. */
    public String service() {
        return service;
    }

    /** The instance id, unique within the service and stable for its life. */
    public String id() {
        return id;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The zone, or the empty string when none was set. */
    public String zone() {
        return zone;
    }

    /** Relative weight, 0..{@value #MAX_WEIGHT}; weight 0 is never picked. */
    public int weight() {
        return weight;
    }

    public InstanceStatus status() {
        return status;
    }

    /** Unmodifiable metadata, sorted by key. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** When the instance was first registered. */
    public Instant registeredAt() {
        return registeredAt;
    }

    /** Whether balancers may send new calls here: status {@code UP} and weight above 0. */
    public boolean isPickable() {
        return status == InstanceStatus.UP && weight > 0;
    }

    /** {@code host:port}. */
    public String address() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ServiceInstance)) {
            return false;
        }
        ServiceInstance that = (ServiceInstance) o;
        return port == that.port && weight == that.weight && service.equals(that.service) && id.equals(that.id)
                && host.equals(that.host) && zone.equals(that.zone) && status == that.status
                && metadata.equals(that.metadata) && registeredAt.equals(that.registeredAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, id, host, port, zone, weight, status, metadata, registeredAt);
    }

    @Override
    public String toString() {
        return "ServiceInstance{" + service + "/" + id + " " + address()
                + (zone.isEmpty() ? "" : " zone=" + zone) + " weight=" + weight + " " + status + "}";
    }

    /** Collects the fields of a {@link ServiceInstance}; {@link #build()} validates them all. Not thread-safe. */
    public static final class Builder {
        private String service;
        private String id;
        private String host;
        private int port;
        private String zone = "";
        private int weight = DEFAULT_WEIGHT;
        private InstanceStatus status = InstanceStatus.UP;
        private Map<String, String> metadata = Map.of();
        private Instant registeredAt;

        private Builder() {
        }

        /** Service name: {@code [a-z0-9]([a-z0-9._-]{0,62})}. */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** Instance id: 1..128 of {@code [A-Za-z0-9._:@-]}; a random UUID when not set. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Host name or IP literal: non-empty, at most 253 characters, no whitespace or '/'. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Port: 1..65535. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Zone: up to 64 of {@code [A-Za-z0-9._-]}; empty or null for none. */
        public Builder zone(String zone) {
            this.zone = zone;
            return this;
        }

        /** Weight: 0..10000, default 100. */
        public Builder weight(int weight) {
            this.weight = weight;
            return this;
        }

        /** Status, default {@code UP}. */
        public Builder status(InstanceStatus status) {
            this.status = status;
            return this;
        }

        /** Metadata: at most 64 entries and 16 KiB of UTF-8 keys plus values; no null keys or values. */
        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        /** Registration time; the build time when not set. */
        public Builder registeredAt(Instant registeredAt) {
            this.registeredAt = registeredAt;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first field that breaks its rule
         */
        public ServiceInstance build() {
            return new ServiceInstance(this);
        }
    }
}
