package io.sextant.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The library's own keys under {@code sextant.*}, with the same names as in a {@code Properties} file
 * or {@code SEXTANT_*} environment variables (see {@link io.sextant.SextantConfig}), so a key copied
 * from the library's documentation works in {@code application.yml}. Keys not listed here (for
 * example ZooKeeper TLS) go under {@code sextant.options.*} without their {@code sextant.} prefix.
 *
 * <p>Only {@code sextant.backend} and that backend's connection key are needed:
 * <pre>
 * sextant.backend=etcd
 * sextant.etcd.endpoints=http://10.0.0.1:2379,http://10.0.0.2:2379
 * </pre>
 */
@ConfigurationProperties("sextant")
public class SextantProperties {
    /** Whether Sextant is auto-configured at all; false turns off every part of the starter. */
    private boolean enabled = true;
    /** Backend name: etcd, zookeeper or memory. */
    private String backend;
    /** Key prefix (etcd) or chroot (ZooKeeper); one path segment. Default sextant. */
    private String namespace;
    /** etcd lease TTL; ZooKeeper session timeout. Default 10s. */
    private Duration ttl;
    private final Connect connect = new Connect();
    private final Request request = new Request();
    private final Cache cache = new Cache();
    private final Supervisor supervisor = new Supervisor();
    private final Start start = new Start();
    private final Etcd etcd = new Etcd();
    private final ZooKeeper zookeeper = new ZooKeeper();
    private final Memory memory = new Memory();
    private final Auth auth = new Auth();
    private final Tls tls = new Tls();
    /** Any other library key, without its "sextant." prefix, e.g. zookeeper.tls.enabled. */
    private Map<String, String> options = new LinkedHashMap<>();

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getBackend() { return backend; }
    public void setBackend(String backend) { this.backend = backend; }
    public String getNamespace() { return namespace; }
    public void setNamespace(String namespace) { this.namespace = namespace; }
    public Duration getTtl() { return ttl; }
    public void setTtl(Duration ttl) { this.ttl = ttl; }
    public Connect getConnect() { return connect; }
    public Request getRequest() { return request; }
    public Cache getCache() { return cache; }
    public Supervisor getSupervisor() { return supervisor; }
    public Start getStart() { return start; }
    public Etcd getEtcd() { return etcd; }
    public ZooKeeper getZookeeper() { return zookeeper; }
    public Memory getMemory() { return memory; }
    public Auth getAuth() { return auth; }
    public Tls getTls() { return tls; }
    public Map<String, String> getOptions() { return options; }
    public void setOptions(Map<String, String> options) { this.options = options; }

    /** {@code sextant.connect.*}. */
    public static class Connect {
        /** How long the first connection may take. Default 5s. */
        private Duration timeout;
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
    }

    /** {@code sextant.request.*}. */
    public static class Request {
        /** How long one backend request may take. Default 5s. */
        private Duration timeout;
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
    }

    /** {@code sextant.cache.*}. */
    public static class Cache {
        private final Massdrop massdrop = new Massdrop();
        private final Settle settle = new Settle();
        private final Snapshot snapshot = new Snapshot();
        public Massdrop getMassdrop() { return massdrop; }
        public Settle getSettle() { return settle; }
        public Snapshot getSnapshot() { return snapshot; }
    }

    /** {@code sextant.cache.massdrop.*}. */
    public static class Massdrop {
        /** Share of a set (0.0..1.0) that may vanish at once while the connection is unstable. Default 0.5. */
        private Double threshold;
        public Double getThreshold() { return threshold; }
        public void setThreshold(Double threshold) { this.threshold = threshold; }
    }

    /** {@code sextant.cache.settle.*}. */
    public static class Settle {
        /** After a reconnect or resync, how long a mass drop waits for a confirming read. Default TTL + 2s. */
        private Duration window;
        public Duration getWindow() { return window; }
        public void setWindow(Duration window) { this.window = window; }
    }

    /** {@code sextant.cache.snapshot.*}. */
    public static class Snapshot {
        /** Directory where caches keep their last good set; off when unset. */
        private String dir;
        public String getDir() { return dir; }
        public void setDir(String dir) { this.dir = dir; }
    }

    /** {@code sextant.supervisor.*}. */
    public static class Supervisor {
        /** How often live registrations are verified and repaired. Default 30s. */
        private Duration interval;
        public Duration getInterval() { return interval; }
        public void setInterval(Duration interval) { this.interval = interval; }
    }

    /** {@code sextant.start.*}. */
    public static class Start {
        /**
         * Whether the application starts while the backend is unreachable (registrations queued, caches
         * from their snapshot files). Default true when sextant.cache.snapshot.dir is set, else false.
         */
        private Boolean offline;
        public Boolean getOffline() { return offline; }
        public void setOffline(Boolean offline) { this.offline = offline; }
    }

    /** {@code sextant.etcd.*}. */
    public static class Etcd {
        /** etcd client URLs (http:// or https://); required for the etcd backend. */
        private List<String> endpoints = new ArrayList<>();
        public List<String> getEndpoints() { return endpoints; }
        public void setEndpoints(List<String> endpoints) { this.endpoints = endpoints; }
    }

    /** {@code sextant.zookeeper.*}. */
    public static class ZooKeeper {
        /** ZooKeeper connect string host:port,host:port (no chroot); required for the zookeeper backend. */
        private String connect;
        public String getConnect() { return connect; }
        public void setConnect(String connect) { this.connect = connect; }
    }

    /** {@code sextant.memory.*}. */
    public static class Memory {
        /** In-process server name of the memory backend. Default "default". */
        private String server;
        public String getServer() { return server; }
        public void setServer(String server) { this.server = server; }
    }

    /** {@code sextant.auth.*}. */
    public static class Auth {
        /** etcd user, or ZooKeeper digest user. */
        private String user;
        /** Password of that user. */
        private String password;
        public String getUser() { return user; }
        public void setUser(String user) { this.user = user; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
    }

    /** {@code sextant.tls.*} (etcd). */
    public static class Tls {
        /** CA certificate file (PEM). */
        private String ca;
        /** Client certificate file (PEM). */
        private String cert;
        /** Client key file (PKCS#8 PEM). */
        private String key;
        public String getCa() { return ca; }
        public void setCa(String ca) { this.ca = ca; }
        public String getCert() { return cert; }
        public void setCert(String cert) { this.cert = cert; }
        public String getKey() { return key; }
        public void setKey(String key) { this.key = key; }
    }
}
