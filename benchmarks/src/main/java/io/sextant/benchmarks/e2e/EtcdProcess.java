package io.sextant.benchmarks.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** One etcd member from the {@code etcd} binary on PATH, on free loopback ports, killed by PID. */
final class EtcdProcess implements AutoCloseable {
    private final Process process;
    private final int clientPort;

    private EtcdProcess(Process process, int clientPort) {
        this.process = process;
        this.clientPort = clientPort;
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("etcd", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static EtcdProcess start() throws Exception {
        int client = freePort();
        int peer = freePort();
        Path dir = Files.createTempDirectory("sextant-bench-etcd");
        Process p = new ProcessBuilder("etcd", "--name", "bench", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", "http://127.0.0.1:" + client, "--advertise-client-urls", "http://127.0.0.1:" + client,
                "--listen-peer-urls", "http://127.0.0.1:" + peer, "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer,
                "--initial-cluster", "bench=http://127.0.0.1:" + peer, "--logger=zap", "--log-level=error")
                .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", client)) {
                return new EtcdProcess(p, client);
            } catch (IOException notYet) {
                Thread.sleep(50); // process start-up, no condition to subscribe to
            }
        }
        p.destroyForcibly().waitFor();
        throw new IllegalStateException("etcd did not start; see " + dir.resolve("etcd.log"));
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
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
