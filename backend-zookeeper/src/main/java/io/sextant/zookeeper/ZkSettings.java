package io.sextant.zookeeper;

import io.sextant.spi.BackendConfig;
import org.apache.zookeeper.client.ZKClientConfig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The ZooKeeper-specific settings read from a {@link BackendConfig}, validated. */
record ZkSettings(String connect, String namespace, Duration sessionTimeout, Duration connectTimeout,
                  Duration requestTimeout, String authUser, byte[] authPassword, ZKClientConfig clientConfig,
                  java.util.List<org.apache.zookeeper.data.ACL> customAcl) {

    static final String CONNECT = "sextant.zookeeper.connect";
    static final String AUTH_USER = "sextant.auth.user";
    static final String AUTH_PASSWORD = "sextant.auth.password";
    static final String TLS_ENABLED = "sextant.zookeeper.tls.enabled";
    static final String TLS = "sextant.zookeeper.tls.";
    static final String CLIENT = "sextant.zookeeper.client.";

    static ZkSettings from(BackendConfig config) {
        String connect = config.property(CONNECT);
        if (connect == null || connect.isBlank()) {
            throw new IllegalArgumentException(CONNECT + " must be set to a ZooKeeper connect string such as "
                    + "'127.0.0.1:2181,127.0.0.1:2182'");
        }
        if (connect.contains("/")) {
            throw new IllegalArgumentException(CONNECT + " must be host:port pairs without a chroot (use "
                    + "sextant.namespace), got '" + connect + "'");
        }
        for (String hostPort : connect.split(",")) {
            if (!hostPort.trim().matches("[^:\\s]+:\\d{1,5}|\\[[0-9a-fA-F:.]+]:\\d{1,5}")) {
                throw new IllegalArgumentException(CONNECT + " must be comma-separated host:port pairs, got '"
                        + connect + "'");
            }
        }
        String user = config.property(AUTH_USER);
        String password = config.property(AUTH_PASSWORD);
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException(AUTH_USER + " and " + AUTH_PASSWORD + " must be set together");
        }
        if (user != null && (user.isEmpty() || user.contains(":"))) {
            throw new IllegalArgumentException(AUTH_USER + " must be non-empty and contain no ':', got '" + user + "'");
        }
        requireMillisInt("sextant.ttl", config.ttl());
        requireMillisInt("sextant.connect.timeout", config.connectTimeout());
        return new ZkSettings(connect.trim(), config.namespace(), config.ttl(), config.connectTimeout(),
                config.requestTimeout(), user, password == null ? null : password.getBytes(StandardCharsets.UTF_8),
                clientConfig(config), AclSpec.parse(config.property(AclSpec.KEY)));
    }

    /** Whether the records are protected by credentials or a configured ACL. */
    boolean protectsRecords() {
        return hasAuth() || customAcl != null;
    }

    boolean hasAuth() {
        return authUser != null;
    }

    /** {@code user:password}, the digest scheme's auth data. */
    byte[] digestAuth() {
        byte[] u = (authUser + ":").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[u.length + authPassword.length];
        System.arraycopy(u, 0, all, 0, u.length);
        System.arraycopy(authPassword, 0, all, u.length, authPassword.length);
        return all;
    }

    boolean tls() {
        return "true".equalsIgnoreCase(clientConfig.getProperty(ZKClientConfig.SECURE_CLIENT));
    }

    private static ZKClientConfig clientConfig(BackendConfig config) {
        ZKClientConfig zk = new ZKClientConfig();
        String enabled = config.property(TLS_ENABLED, "false");
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalArgumentException(TLS_ENABLED + " must be true or false, got '" + enabled + "'");
        }
        if (enabled.equals("true")) {
            zk.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
            zk.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty");
            copy(config, TLS + "keystore.location", zk, "zookeeper.ssl.keyStore.location");
            copy(config, TLS + "keystore.password", zk, "zookeeper.ssl.keyStore.password");
            copy(config, TLS + "keystore.type", zk, "zookeeper.ssl.keyStore.type");
            copy(config, TLS + "truststore.location", zk, "zookeeper.ssl.trustStore.location");
            copy(config, TLS + "truststore.password", zk, "zookeeper.ssl.trustStore.password");
            copy(config, TLS + "truststore.type", zk, "zookeeper.ssl.trustStore.type");
            copy(config, TLS + "hostname.verification", zk, "zookeeper.ssl.hostnameVerification");
        }
        for (Map.Entry<String, String> e : config.properties().entrySet()) {
            if (e.getKey().startsWith(CLIENT) && e.getKey().length() > CLIENT.length()) {
                zk.setProperty(e.getKey().substring(CLIENT.length()), e.getValue());
            }
        }
        return zk;
    }

    private static void copy(BackendConfig config, String key, ZKClientConfig zk, String zkKey) {
        String v = config.property(key);
        if (v != null) {
            zk.setProperty(zkKey, v);
        }
    }

    private static void requireMillisInt(String key, Duration d) {
        if (d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be at most " + Integer.MAX_VALUE + " ms for ZooKeeper, got "
                    + d);
        }
    }

    @Override
    public String toString() {
        return "ZkSettings{connect=" + connect + ", namespace=" + namespace + ", sessionTimeout=" + sessionTimeout
                + ", user=" + authUser + ", tls=" + tls() + "}";
    }
}
