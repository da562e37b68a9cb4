package io.sextant.grpc;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A single real etcd member from the {@code etcd} binary on free loopback ports, stopped by PID.
 * Stand-in until {@code io.sextant.testing.EtcdCluster} is available to this module.
 */
final class LocalEtcd implements AutoCloseable {
    private final Process process;
    private final int clientPort;
    private final Path dir;

    private LocalEtcd(Process process, int clientPort, Path dir) {
        this.process = process;
        this.clientPort = clientPort;
        this.dir = dir;
    }

    static boolean binaryAvailable() {
        try {
            Process p = new ProcessBuilder("etcd", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static LocalEtcd start() throws IOException {
        int client = freePort();
        int peer = freePort();
        Path dir = Files.createTempDirectory("sextant-grpc-etcd");
        String c = "http://127.0.0.1:" + client;
        String p = "http://127.0.0.1:" + peer;
        Process process = new ProcessBuilder(List.of("etcd", "--name", "s1", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", c, "--advertise-client-urls", c,
                "--listen-peer-urls", p, "--initial-advertise-peer-urls", p,
                "--initial-cluster", "s1=" + p, "--initial-cluster-state", "new",
                "--logger=zap", "--log-outputs=" + dir.resolve("etcd.log")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.out").toFile()).start();
        LocalEtcd etcd = new LocalEtcd(process, client, dir);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(etcd::healthy);
        return etcd;
    }

    private boolean healthy() throws IOException {
        HttpURLConnection h = (HttpURLConnection) URI.create(endpoint() + "/health").toURL().openConnection();
        h.setConnectTimeout(500);
        h.setReadTimeout(500);
        try {
            return h.getResponseCode() == 200 && new String(h.getInputStream().readAllBytes()).contains("true");
        } finally {
            h.disconnect();
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
