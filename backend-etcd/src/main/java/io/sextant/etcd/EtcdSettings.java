package io.sextant.etcd;

import io.sextant.spi.support.InFlightLimit;

import io.sextant.spi.support.Checks;
import io.sextant.spi.BackendConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The etcd backend's settings, read and validated from a {@link BackendConfig}; a bad key fails with
 * an {@link IllegalArgumentException} naming it.
 *
 * @param endpoints client URLs, all {@code http} or all {@code https}
 * @param ca        trusted CA file, or {@code null} (system trust store for https)
 * @param cert      client certificate file, or {@code null}
 * @param key       client private key file (PKCS#8), or {@code null}
 * @param user      user name, or {@code null} for no authentication
 * @param password  password, or {@code null}
 * @param maxInFlight requests in flight at once ({@value InFlightLimit#KEY}); more wait their turn
 */
record EtcdSettings(List<URI> endpoints, String namespace, Duration ttl, Duration connectTimeout,
                    Duration requestTimeout, Path ca, Path cert, Path key, String user, String password,
                    int maxInFlight) {
    /**
     * The default of {@value InFlightLimit#KEY} on etcd. Every put is a raft entry; etcd (3.4) refuses a
     * lease keep-alive while its applied index lags more than a second behind, and on a busy 2-core
     * machine 256 puts in flight made it lag that much (keep-alives failed, the lease was lost); 64 keep
     * raft's batches full and the lag short.
     */
    static final int DEFAULT_MAX_IN_FLIGHT = 64;

    static final String ENDPOINTS = "sextant.etcd.endpoints";
    static final String TLS_CA = "sextant.tls.ca";
    static final String TLS_CERT = "sextant.tls.cert";
    static final String TLS_KEY = "sextant.tls.key";
    static final String AUTH_USER = "sextant.auth.user";
    static final String AUTH_PASSWORD = "sextant.auth.password";

    static EtcdSettings from(BackendConfig config) {
        List<URI> endpoints = endpoints(config.property(ENDPOINTS));
        Path ca = file(config, TLS_CA);
        Path cert = file(config, TLS_CERT);
        Path key = file(config, TLS_KEY);
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException(TLS_CERT + " and " + TLS_KEY + " must be set together, got only "
                    + (cert == null ? TLS_KEY : TLS_CERT));
        }
        boolean tls = "https".equals(endpoints.get(0).getScheme());
        if (!tls && (ca != null || cert != null)) {
            throw new IllegalArgumentException(ENDPOINTS + " must use https:// when " + TLS_CA + " or "
                    + TLS_CERT + " is set, got '" + config.property(ENDPOINTS) + "'");
        }
        String user = blankToNull(config.property(AUTH_USER));
        String password = config.property(AUTH_PASSWORD);
        if (user == null && password != null) {
            throw new IllegalArgumentException(AUTH_USER + " must be set when " + AUTH_PASSWORD + " is set");
        }
        if (user != null && password == null) {
            throw new IllegalArgumentException(AUTH_PASSWORD + " must be set when " + AUTH_USER + " is set");
        }
        return new EtcdSettings(List.copyOf(endpoints), config.namespace(), Checks.positive("ttl", config.ttl()),
                config.connectTimeout(), config.requestTimeout(), ca, cert, key, user, password,
                InFlightLimit.parse(config.property(InFlightLimit.KEY), DEFAULT_MAX_IN_FLIGHT));
    }

    boolean tls() {
        return "https".equals(endpoints.get(0).getScheme());
    }

    /** Lease TTL in whole seconds (etcd's unit), rounded up, at least 1. */
    long ttlSeconds() {
        return Math.max(1, (ttl.toMillis() + 999) / 1000);
    }

    /** The endpoints as one string for messages. */
    String endpointList() {
        StringBuilder sb = new StringBuilder();
        for (URI u : endpoints) {
            sb.append(sb.length() == 0 ? "" : ",").append(u);
        }
        return sb.toString();
    }

    private static List<URI> endpoints(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException(ENDPOINTS
                    + " must be set to comma-separated client URLs such as http://127.0.0.1:2379");
        }
        List<URI> out = new ArrayList<>();
        String scheme = null;
        for (String part : raw.split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(s);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(ENDPOINTS + " must hold URLs such as http://host:2379, got '"
                        + Checks.abbreviate(s) + "'", e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getPort() < 1) {
                throw new IllegalArgumentException(ENDPOINTS
                        + " must hold http:// or https:// URLs with a host and a port, got '" + Checks.abbreviate(s) + "'");
            }
            if (scheme != null && !scheme.equals(uri.getScheme())) {
                throw new IllegalArgumentException(ENDPOINTS + " must not mix http and https, got '"
                        + Checks.abbreviate(raw) + "'");
            }
            scheme = uri.getScheme();
            out.add(uri);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(ENDPOINTS + " must name at least one URL, got '" + raw + "'");
        }
        return out;
    }

    private static Path file(BackendConfig config, String name) {
        String v = blankToNull(config.property(name));
        if (v == null) {
            return null;
        }
        Path p = Path.of(v);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new IllegalArgumentException(name + " must name a readable file, got '" + Checks.abbreviate(v) + "'");
        }
        return p;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    @Override
    public String toString() {
        return "EtcdSettings[endpoints=" + endpointList() + ", namespace=" + namespace + ", ttl=" + ttl
                + ", tls=" + tls() + ", user=" + user + "]";
    }
}
