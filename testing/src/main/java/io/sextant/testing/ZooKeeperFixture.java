package io.sextant.testing;

import io.sextant.SextantConfig;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.curator.test.TestingZooKeeperServer;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Real ZooKeeper for the tests: one {@link TestingServer}, a {@link TestingCluster}, or an external
 * ensemble ({@code SEXTANT_TEST_ZOOKEEPER_CONNECT}, or a container). Servers tick every 250 ms, so they
 * accept session timeouts from 0.5 s to 30 s; {@link #ttl()} is 3 s.
 *
 * <p>{@link #expireOwnerOf} expires the owning session on the server: it reads the node's
 * ephemeralOwner, opens a second connection to that session (ZooKeeper derives a session's password
 * from its id: {@code new Random(id ^ 0xB3415C00L)}, 16 bytes) and closes it, which makes the server
 * close the session and delete its ephemerals, exactly as an expiry does.
 */
public final class ZooKeeperFixture implements BackendFixture {
    static final Duration TTL = Duration.ofSeconds(3);
    private static final int TICK_MS = 250;
    private static final long SESSION_SECRET = 0xB3415C00L;

    private final TestingServer server;
    private final TestingCluster cluster;
    private final String connect;
    private final Map<String, String> systemPropertiesToRestore = new java.util.HashMap<>();

    private ZooKeeperFixture(TestingServer server, TestingCluster cluster, String connect) {
        this.server = server;
        this.cluster = cluster;
        this.connect = connect;
    }

    /** One in-JVM server on a free port. */
    public static ZooKeeperFixture single() throws Exception {
        return single(Map.of());
    }

    /**
     * One in-JVM server on a free port, with extra zoo.cfg properties. ZooKeeper copies unknown ones into
     * JVM-wide {@code zookeeper.*} system properties, which {@link #close()} removes again.
     */
    public static ZooKeeperFixture single(Map<String, Object> serverProperties) throws Exception {
        Map<String, String> before = new java.util.HashMap<>();
        serverProperties.keySet().forEach(k -> before.put(k, System.getProperty("zookeeper." + k)));
        TestingServer s = new TestingServer(spec(-1, serverProperties), true);
        ZooKeeperFixture f = new ZooKeeperFixture(s, null, s.getConnectString());
        f.systemPropertiesToRestore.putAll(before);
        return f;
    }

    /** An in-JVM ensemble of {@code size} servers, started and serving. */
    public static ZooKeeperFixture cluster(int size) throws Exception {
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            specs.add(spec(i));
        }
        TestingCluster c = new TestingCluster(specs);
        c.start();
        ZooKeeperFixture f = new ZooKeeperFixture(null, c, c.getConnectString());
        f.awaitServing();
        return f;
    }

    /** The ensemble named by {@code SEXTANT_TEST_ZOOKEEPER_CONNECT}, else one in-JVM server. */
    public static ZooKeeperFixture fromEnvironment() throws Exception {
        String external = System.getenv("SEXTANT_TEST_ZOOKEEPER_CONNECT");
        return external == null || external.isBlank() ? single() : external(external.trim());
    }

    /** An ensemble run elsewhere; it cannot be stopped or started from here. */
    public static ZooKeeperFixture external(String connectString) {
        return new ZooKeeperFixture(null, null, connectString);
    }

    private static InstanceSpec spec(int serverId) {
        return spec(serverId, Map.of());
    }

    private static InstanceSpec spec(int serverId, Map<String, Object> extra) {
        Map<String, Object> props = new java.util.HashMap<>(extra);
        props.put("4lw.commands.whitelist", "cons,ruok,srvr");
        props.putIfAbsent("maxSessionTimeout", "30000"); // tests that ride out elections use longer sessions
        return new InstanceSpec(null, -1, -1, -1, true, serverId, TICK_MS, -1, props);
    }

    public String connectString() {
        return connect;
    }

    public TestingCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("not a cluster fixture");
        }
        return cluster;
    }

    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public SextantConfig.Builder config() {
        return SextantConfig.builder().backend("zookeeper")
                .set("sextant.zookeeper.connect", connect)
                .ttl(TTL)
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(3));
    }

    @Override
    public Duration ttl() {
        return TTL;
    }

    @Override
    public void expireOwnerOf(SextantConfig config, String key) throws Exception {
        String path = "/" + config.namespace() + key;
        try (ZooKeeper zk = connectRaw(connect, 10_000)) {
            Stat stat = zk.exists(path, false);
            if (stat == null || stat.getEphemeralOwner() == 0) {
                throw new IllegalStateException(path + " is not an ephemeral node: " + stat);
            }
            long owner = stat.getEphemeralOwner();
            expireSession(owner);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Stat now = zk.exists(path, false);
                return now == null || now.getEphemeralOwner() != owner;
            });
        }
    }

    /** Closes session {@code sessionId} on the server by joining it with its derived password. */
    public void expireSession(long sessionId) throws Exception {
        byte[] password = new byte[16];
        new Random(sessionId ^ SESSION_SECRET).nextBytes(password);
        CountDownLatch joined = new CountDownLatch(1);
        ZooKeeper dup = new ZooKeeper(connect, (int) TTL.toMillis(), e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected
                    || e.getState() == Watcher.Event.KeeperState.Expired) {
                joined.countDown();
            }
        }, sessionId, password);
        try {
            if (!joined.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not join session 0x" + Long.toHexString(sessionId));
            }
        } finally {
            dup.close();
        }
    }

    @Override
    public void stopAll() throws Exception {
        if (server != null) {
            server.stop();
        } else if (cluster != null) {
            for (InstanceSpec spec : cluster.getInstances()) {
                cluster.killServer(spec);
            }
        } else {
            throw new TestAbortedException("an external ZooKeeper ensemble cannot be stopped from the tests");
        }
    }

    @Override
    public void startAll() throws Exception {
        if (server != null) {
            server.restart();
        } else if (cluster != null) {
            for (TestingZooKeeperServer s : cluster.getServers()) {
                cluster.restartServer(s.getInstanceSpec());
            }
            cluster.getInstances().forEach(this::awaitServing);
        } else {
            throw new TestAbortedException("an external ZooKeeper ensemble cannot be started from the tests");
        }
        awaitServing();
    }

    /** Waits until {@code member} itself serves clients (it has rejoined the quorum). */
    public void awaitServing(InstanceSpec member) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (ZooKeeper zk = connectRaw("127.0.0.1:" + member.getPort(), 2_000)) {
                return zk.exists("/", false) != null;
            }
        });
    }

    /** Waits until a client can connect and read. */
    public void awaitServing() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (ZooKeeper zk = connectRaw(connect, 2_000)) {
                return zk.exists("/", false) != null;
            }
        });
    }

    /** The cluster member session {@code sessionId} is connected to (asks each member with {@code cons}). */
    public InstanceSpec memberServing(long sessionId) throws IOException {
        String sid = "sid=0x" + Long.toHexString(sessionId);
        for (InstanceSpec spec : cluster().getInstances()) {
            if (fourLetterWord(spec.getPort(), "cons").contains(sid)) {
                return spec;
            }
        }
        throw new IllegalStateException("no member serves session 0x" + Long.toHexString(sessionId));
    }

    /** The session owning the ephemeral node {@code key} of {@code config}'s namespace. */
    public long ownerOf(SextantConfig config, String key) throws Exception {
        try (ZooKeeper raw = connectRaw(connect, 10_000)) {
            Stat stat = raw.exists("/" + config.namespace() + key, false);
            if (stat == null || stat.getEphemeralOwner() == 0) {
                throw new IllegalStateException(key + " is not an ephemeral node: " + stat);
            }
            return stat.getEphemeralOwner();
        }
    }

    private static String fourLetterWord(int port, String word) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return ""; // a stopped member
        }
    }

    @Override
    public boolean reachableFromOtherProcesses() {
        return true;
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
        systemPropertiesToRestore.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty("zookeeper." + k);
            } else {
                System.setProperty("zookeeper." + k, v);
            }
        });
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A plain ZooKeeper client, connected (blocks up to {@code timeoutMs}). */
    public static ZooKeeper connectRaw(String connectString, int timeoutMs) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, (int) TTL.toMillis(), e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            zk.close();
            throw new IllegalStateException("could not connect to " + connectString);
        }
        return zk;
    }
}
