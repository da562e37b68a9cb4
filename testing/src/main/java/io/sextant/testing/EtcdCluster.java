package io.sextant.testing;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.grpc.netty.GrpcSslContexts;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Real etcd members started from the {@code etcd} binary on PATH, on free loopback ports, with data in a
 * temp dir; every process is stopped by its PID ({@code destroyForcibly}). Single member or a cluster.
 */
public final class EtcdCluster implements AutoCloseable {
    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(20);

    private final Path base;
    private final List<EtcdMember> members = new ArrayList<>();
    private final TestCerts tls;
    private final String adminUser;
    private final String adminPassword;

    private EtcdCluster(int size, TestCerts tls) throws IOException {
        this.base = Files.createTempDirectory("sextant-etcd-");
        this.tls = tls;
        this.adminUser = tls == null ? null : "root";
        this.adminPassword = tls == null ? null : "rootpw";
        String token = "sextant-" + Long.toHexString(System.nanoTime());
        List<int[]> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(new int[] {freePort(), freePort()});
        }
        String initial = "";
        for (int i = 0; i < size; i++) {
            initial += (i == 0 ? "" : ",") + "m" + i + "=http://127.0.0.1:" + ports.get(i)[1];
        }
        for (int i = 0; i < size; i++) {
            members.add(new EtcdMember("m" + i, base, ports.get(i)[0], ports.get(i)[1], initial, token, tls));
        }
    }

    /** Whether an {@code etcd} binary runs here. */
    public static boolean binaryAvailable() {
        try {
            Process p = new ProcessBuilder("etcd", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts {@code size} members and waits until the cluster serves; skips the test without a binary. */
    public static EtcdCluster start(int size) throws Exception {
        return start(size, null);
    }

    /** As {@link #start(int)}, with https client URLs, client-cert auth, and auth enabled (root/rootpw). */
    public static EtcdCluster start(int size, TestCerts tls) throws Exception {
        Assumptions.assumeTrue(binaryAvailable(), "no etcd binary on PATH");
        EtcdCluster c = new EtcdCluster(size, tls);
        try {
            c.startAll();
            if (tls != null) {
                c.enableAuth();
            }
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    public List<EtcdMember> members() {
        return members;
    }

    /** Comma-separated client URLs. */
    public String endpoints() {
        return members.stream().map(EtcdMember::clientUrl).collect(Collectors.joining(","));
    }

    public void startAll() throws Exception {
        for (EtcdMember m : members) {
            if (!m.isRunning()) {
                m.start();
            }
        }
        awaitHealthy();
    }

    /** kill -9 every member; data dirs stay. */
    public void stopAll() {
        members.forEach(EtcdMember::kill);
    }

    /** The member that is currently leader. */
    public EtcdMember leader() throws Exception {
        try (Client c = adminClient()) {
            for (EtcdMember m : members) {
                if (!m.isRunning()) {
                    continue;
                }
                StatusResponse s = c.getMaintenanceClient().statusMember(m.clientUrl()).get(5, TimeUnit.SECONDS);
                if (s.getLeader() == s.getHeader().getMemberId()) {
                    return m;
                }
            }
        }
        throw new IllegalStateException("no leader among " + endpoints());
    }

    /** Waits until a linearizable read succeeds through every running member. */
    public void awaitHealthy() throws Exception {
        for (EtcdMember m : members) {
            if (!m.isRunning()) {
                continue;
            }
            try {
                await().atMost(HEALTHY_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                    try (Client c = client(m.clientUrl())) {
                        c.getKVClient().get(bytes("/health-probe")).get(2, TimeUnit.SECONDS);
                        return true;
                    }
                });
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException("etcd member " + m.name() + " at " + m.clientUrl()
                        + " not healthy within " + HEALTHY_TIMEOUT + "; log: " + m.logTail(), e);
            }
        }
    }

    /** A client with admin rights (root when auth is on). Caller closes it. */
    public Client adminClient() {
        return client(endpoints().split(","));
    }

    private Client client(String... endpoints) {
        ClientBuilder b = Client.builder().endpoints(endpoints).connectTimeout(Duration.ofSeconds(2));
        if (tls != null) {
            try {
                b.sslContext(GrpcSslContexts.forClient().trustManager(tls.ca().toFile())
                        .keyManager(tls.clientCert().toFile(), tls.clientKey().toFile()).build());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (adminUser != null && authEnabled) {
            b.user(bytes(adminUser)).password(bytes(adminPassword));
        }
        return b.build();
    }

    private volatile boolean authEnabled;

    private void enableAuth() throws Exception {
        try (Client c = adminClient()) {
            c.getAuthClient().userAdd(bytes(adminUser), bytes(adminPassword)).get(5, TimeUnit.SECONDS);
            c.getAuthClient().userGrantRole(bytes(adminUser), bytes("root")).get(5, TimeUnit.SECONDS);
            c.getAuthClient().authEnable().get(5, TimeUnit.SECONDS);
        }
        authEnabled = true;
    }

    public String adminUser() {
        return adminUser;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        stopAll();
        try (Stream<Path> walk = Files.walk(base)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
