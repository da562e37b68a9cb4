package io.sextant.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One etcd process: a fixed command line, so a killed member restarts on the same ports and data. */
public final class EtcdMember {
    private final String name;
    private final int clientPort;
    private final List<String> command = new ArrayList<>();
    private final Path out;
    private final TestCerts tls;
    private Process process;

    public EtcdMember(String name, Path base, int clientPort, int peerPort, String initialCluster, String token, TestCerts tls) {
        this.name = name;
        this.clientPort = clientPort;
        this.tls = tls;
        this.out = base.resolve(name + ".out");
        String client = clientUrl();
        command.addAll(List.of("etcd", "--name", name, "--data-dir", base.resolve(name).toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-cluster", initialCluster, "--initial-cluster-token", token,
                "--initial-cluster-state", "new", "--logger=zap", "--log-outputs=" + out));
        if (tls != null) {
            command.addAll(List.of("--cert-file", tls.serverCert().toString(), "--key-file", tls.serverKey().toString(),
                    "--trusted-ca-file", tls.ca().toString(), "--client-cert-auth"));
        }
    }

    public String name() {
        return name;
    }

    public String clientUrl() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + clientPort;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolveSibling(name + ".stdout").toFile()))
                .start();
    }

    /** kill -9 by PID and wait for the process to end. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** The last lines of the member's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.exists(out) ? Files.readAllLines(out) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name + "@" + clientUrl();
    }
}
