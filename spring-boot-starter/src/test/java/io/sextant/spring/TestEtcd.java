package io.sextant.spring;

import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One real etcd member (the {@code etcd} binary) on free loopback ports, killed by PID. A small
 * stand-in until {@code io.sextant.testing.EtcdCluster} is available to this module.
 */
final class TestEtcd implements AutoCloseable {
    private final List<String> command;
    private final Path dir;
    private final int clientPort;
    private Process process;

    TestEtcd() throws IOException {
        try {
            Process p = new ProcessBuilder("etcd", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new TestAbortedException("etcd --version failed");
            }
        } catch (IOException | InterruptedException e) {
            throw new TestAbortedException("no etcd binary on PATH (Debian: apt-get install etcd-server)", e);
        }
        dir = Files.createTempDirectory("sextant-spring-etcd");
        clientPort = freePort();
        int peerPort = freePort();
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        command = List.of("etcd", "--name", "s1", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "s1=" + peer, "--initial-cluster-state", "new",
                "--logger=zap", "--log-outputs=" + dir.resolve("etcd.log"));
        start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    synchronized void start() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.out").toFile())).start();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(this::accepting);
    }

    /** kill -9 by PID. */
    synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    private boolean accepting() {
        try (Socket s = new Socket("127.0.0.1", clientPort)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        kill();
    }
}
