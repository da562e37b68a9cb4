package io.sextant.cli.internal.demo;

import io.sextant.SextantConfig;
import io.sextant.cli.internal.CliException;
import io.sextant.cli.internal.HostPort;
import io.sextant.zookeeper.EmbeddedZooKeeper;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the demo runs: an embedded ZooKeeper on loopback when no backend is configured, otherwise the
 * configured etcd or ZooKeeper (under a namespace of its own, so it touches nothing else there).
 */
final class DemoBackend implements AutoCloseable {
    private final EmbeddedZooKeeper embedded;
    private final Map<String, String> keys;
    private final String description;

    private DemoBackend(EmbeddedZooKeeper embedded, Map<String, String> keys, String description) {
        this.embedded = embedded;
        this.keys = keys;
        this.description = description;
    }

    /** Starts the embedded server or adopts the configured backend, with {@code ttl} for every registry. */
    static DemoBackend start(Map<String, String> configured, Duration ttl) {
        Map<String, String> keys = new TreeMap<>(configured);
        String backend = keys.get(SextantConfig.BACKEND);
        keys.put(SextantConfig.TTL, ttl.toMillis() + "ms");
        keys.putIfAbsent(SextantConfig.CONNECT_TIMEOUT, "5s");
        keys.putIfAbsent(SextantConfig.REQUEST_TIMEOUT, "3s");
        if (backend == null) {
            EmbeddedZooKeeper zk = new EmbeddedZooKeeper().start();
            keys.put(SextantConfig.BACKEND, "zookeeper");
            keys.put("sextant.zookeeper.connect", zk.connectString());
            keys.putIfAbsent(SextantConfig.NAMESPACE, "demo");
            return new DemoBackend(zk, keys, "embedded ZooKeeper on " + zk.connectString());
        }
        if (!backend.equals("etcd") && !backend.equals("zookeeper")) {
            throw CliException.usage("the demo runs on etcd or zookeeper (or, with no backend configured, on an"
                    + " embedded ZooKeeper), not on backend '" + backend + "'");
        }
        keys.putIfAbsent(SextantConfig.NAMESPACE, "sextant-demo-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
        String where = backend.equals("etcd") ? keys.get("sextant.etcd.endpoints") : keys.get("sextant.zookeeper.connect");
        if (where == null) {
            throw CliException.usage("--endpoints is needed to run the demo on " + backend);
        }
        return new DemoBackend(null, keys, backend + " at " + where);
    }

    String description() {
        return description;
    }

    String namespace() {
        return keys.get(SextantConfig.NAMESPACE);
    }

    /** The configuration of every demo registry. */
    SextantConfig config() {
        SextantConfig.Builder b = SextantConfig.builder();
        keys.forEach(b::set);
        return b.build();
    }

    /** The first endpoint, which a {@link LinkCutter} relays to. */
    HostPort firstEndpoint() {
        if (isEtcd()) {
            URI u = URI.create(keys.get("sextant.etcd.endpoints").split(",")[0].strip());
            return new HostPort(u.getHost(), u.getPort() > 0 ? u.getPort() : 2379);
        }
        return HostPort.parse("sextant.zookeeper.connect", keys.get("sextant.zookeeper.connect").split(",")[0]);
    }

    /** The configuration of a registry that reaches the backend only through {@code link}, failing fast. */
    SextantConfig configVia(LinkCutter link) {
        SextantConfig.Builder b = config().toBuilder().requestTimeout(Duration.ofSeconds(1));
        if (isEtcd()) {
            String scheme = keys.get("sextant.etcd.endpoints").strip().toLowerCase(java.util.Locale.ROOT)
                    .startsWith("https") ? "https" : "http";
            b.set("sextant.etcd.endpoints", scheme + "://127.0.0.1:" + link.port());
        } else {
            b.set("sextant.zookeeper.connect", "127.0.0.1:" + link.port());
        }
        return b.build();
    }

    /** A relay to the first endpoint. */
    LinkCutter newLink() {
        HostPort hp = firstEndpoint();
        try {
            return LinkCutter.to(hp.host(), hp.port());
        } catch (IOException e) {
            throw new CliException(1, "cannot open a loopback port for the demo's relay", e);
        }
    }

    private boolean isEtcd() {
        return "etcd".equals(keys.get(SextantConfig.BACKEND));
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
