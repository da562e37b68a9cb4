package io.sextant.cli;

import io.etcd.jetcd.Client;
import io.sextant.testing.EtcdCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.sextant.testing.EtcdCluster.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** Every error case as a real process: one line naming what was wrong, the exit code, no stack trace. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ErrorsIT {
    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void usageErrorsExitTwoWithOneLine() throws Exception {
        assertOneLine(SextantProcess.run(MAX, Map.of(), "list"), 2, "no backend configured");
        assertOneLine(SextantProcess.run(MAX, Map.of(), "list", "--backend", "consul"), 2,
                "sextant.backend must name an available backend, got 'consul'");
        assertOneLine(SextantProcess.run(MAX, Map.of("SEXTANT_BACKEND", "consul"), "list"), 2, "got 'consul'");
        assertOneLine(SextantProcess.run(MAX, Map.of(), "register", "orders", "10.0.0.5", "--backend", "memory"), 2,
                "HOST:PORT must be HOST:PORT");
        assertOneLine(SextantProcess.run(MAX, Map.of(), "list", "--backend", "zookeeper", "--endpoints", "127.0.0.1:1",
                "--ttl", "soon"), 2, "sextant.ttl must be a duration");
        SextantProcess unknown = SextantProcess.run(MAX, Map.of(), "list", "--endpoint", "x");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("sextant: Unknown option: '--endpoint'").contains("Try 'sextant list --help'")
                .doesNotContain("\tat ");
    }

    @Test
    void unreachableClustersExitOneWithinTheConnectTimeout() throws Exception {
        int port = closedPort();
        SextantProcess etcd = SextantProcess.run(MAX, Map.of(), "list", "--endpoints", "http://127.0.0.1:" + port,
                "--connect-timeout", "2s");
        assertOneLine(etcd, 1, "etcd http://127.0.0.1:" + port + " not reachable");
        assertThat(etcd.elapsed()).isLessThan(Duration.ofSeconds(12));
        SextantProcess zk = SextantProcess.run(MAX, Map.of(), "check", "--endpoints", "127.0.0.1:" + port,
                "--connect-timeout", "2s");
        assertThat(zk.exitCode()).isEqualTo(1);
        assertThat(zk.out()).contains("not reachable", "check failed");
        SextantProcess zkList = SextantProcess.run(MAX, Map.of(), "list", "--endpoints", "127.0.0.1:" + port,
                "--connect-timeout", "2s");
        assertOneLine(zkList, 1, "ZooKeeper at 127.0.0.1:" + port);
        assertThat(zkList.elapsed()).isLessThan(Duration.ofSeconds(12));
    }

    @Test
    void refusedCredentialsExitOne() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            try (Client admin = etcd.adminClient()) {
                admin.getAuthClient().userAdd(bytes("root"), bytes("rootpw")).get(5, TimeUnit.SECONDS);
                admin.getAuthClient().userGrantRole(bytes("root"), bytes("root")).get(5, TimeUnit.SECONDS);
                admin.getAuthClient().authEnable().get(5, TimeUnit.SECONDS);
            }
            SextantProcess wrong = SextantProcess.run(MAX, Map.of("SEXTANT_AUTH_PASSWORD", "wrong"), "list",
                    "--backend", "etcd", "--endpoints", etcd.endpoints(), "--user", "root", "--connect-timeout", "3s");
            assertOneLine(wrong, 1, "refused the credentials");
            SextantProcess right = SextantProcess.run(MAX, Map.of("SEXTANT_AUTH_PASSWORD", "rootpw"), "check",
                    "--backend", "etcd", "--endpoints", etcd.endpoints(), "--user", "root");
            assertThat(right.exitCode()).as(right.out() + right.err()).isZero();
            assertThat(right.out()).contains("as user 'root'", "all checks passed");
        }
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
        SextantProcess p = SextantProcess.run(MAX, Map.of(), "list", "--endpoints", "127.0.0.1:" + closedPort(),
                "--connect-timeout", "1s", "--verbose");
        assertThat(p.exitCode()).isEqualTo(1);
        assertThat(p.err()).contains("BackendUnavailableException", "\tat ");
    }

    private static void assertOneLine(SextantProcess p, int code, String text) {
        assertThat(p.exitCode()).as(p.err()).isEqualTo(code);
        assertThat(p.err().lines()).as(p.err()).hasSize(1);
        assertThat(p.err()).startsWith("sextant: ").contains(text);
        assertThat(p.out()).isEmpty();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
