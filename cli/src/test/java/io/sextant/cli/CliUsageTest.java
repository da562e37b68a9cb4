package io.sextant.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Help, version and every usage or connection error, in-process: one line, the right exit code, no trace. */
class CliUsageTest {

    @Test
    void versionNamesTheBuildAndTheBackends() {
        Cli c = Cli.run("--version");
        assertThat(c.code).isZero();
        assertThat(c.out()).startsWith("sextant ").contains("backends: etcd, memory, zookeeper");
        assertThat(c.out()).doesNotContain("${project.version}");
    }

    @Test
    void helpListsCommandsAndEachCommandShowsTheConfigurationKeys() {
        Cli root = Cli.run("--help");
        assertThat(root.code).isZero();
        assertThat(root.out()).contains("demo", "list", "watch", "register", "check", "Exit codes");
        Cli list = Cli.run("list", "--help");
        assertThat(list.code).isZero();
        assertThat(list.out()).contains("--backend", "--endpoints", "--config", "sextant.etcd.endpoints",
                "SEXTANT_ZOOKEEPER_CONNECT", "flags win over a --config file, which wins over the environment");
        for (String cmd : new String[] {"watch", "register", "check", "demo"}) {
            Cli c = Cli.run(cmd, "--help");
            assertThat(c.code).as(cmd).isZero();
            assertThat(c.out()).as(cmd).contains("SEXTANT_BACKEND", "--verbose");
        }
    }

    @Test
    void noArgumentsPrintsTheUsage() {
        Cli c = Cli.run();
        assertThat(c.code).isZero();
        assertThat(c.out()).contains("Usage: sextant");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli c = Cli.run("list", "--backnd", "etcd");
        assertThat(c.code).isEqualTo(2);
        assertThat(c.err()).startsWith("sextant: Unknown option: '--backnd'").contains("--backend")
                .contains("Try 'sextant list --help'");
        assertThat(c.err()).doesNotContain("\tat ");
    }

    @Test
    void missingBackendSaysHowToNameOne() {
        Cli c = Cli.run("list");
        assertThat(c.code).isEqualTo(2);
        assertThat(c.err().lines()).hasSize(1);
        assertThat(c.err()).contains("no backend configured", "--backend", "SEXTANT_BACKEND");
    }

    @Test
    void unknownBackendNamesTheKeyAndTheAvailableOnes() {
        Cli c = Cli.run("list", "--backend", "consul");
        assertThat(c.code).isEqualTo(2);
        assertThat(c.err().lines()).hasSize(1);
        assertThat(c.err()).contains("sextant.backend", "'consul'", "etcd", "zookeeper");
    }

    @Test
    void malformedHostPortIsAUsageErrorNamingTheValue() {
        for (String bad : new String[] {"10.0.0.5", "10.0.0.5:0", "10.0.0.5:99999", ":80", "::1:80", "host:http"}) {
            Cli c = Cli.run("register", "orders", bad, "--backend", "memory");
            assertThat(c.code).as(bad).isEqualTo(2);
            assertThat(c.err()).as(bad).contains("HOST:PORT", "'" + bad + "'").doesNotContain("\tat ");
        }
    }

    @Test
    void malformedValuesNameTheirKey() {
        Cli ttl = Cli.run("list", "--backend", "memory", "--ttl", "ten");
        assertThat(ttl.code).isEqualTo(2);
        assertThat(ttl.err()).contains("sextant.ttl", "'ten'");
        Cli weight = Cli.run("register", "orders", "10.0.0.5:80", "--backend", "memory", "--weight", "heavy");
        assertThat(weight.code).isEqualTo(2);
        assertThat(weight.err()).contains("--weight", "heavy");
        Cli name = Cli.run("register", "Orders!", "10.0.0.5:80", "--backend", "memory");
        assertThat(name.code).isEqualTo(2);
        assertThat(name.err()).contains("service", "Orders!");
        Cli endpoints = Cli.run("list", "--backend", "etcd", "--endpoints", "not a url");
        assertThat(endpoints.code).isEqualTo(2);
        assertThat(endpoints.err()).contains("sextant.etcd.endpoints");
        Cli demo = Cli.run("demo", "--duration", "1s");
        assertThat(demo.code).isEqualTo(2);
        assertThat(demo.err()).contains("--duration", "5s");
        Cli demoMemory = Cli.run("demo", "--backend", "memory");
        assertThat(demoMemory.code).isEqualTo(2);
        assertThat(demoMemory.err()).contains("etcd or zookeeper");
    }

    @Test
    void missingConfigFileIsAUsageError() {
        Cli c = Cli.run("list", "--config", "/nonexistent/sextant.properties");
        assertThat(c.code).isEqualTo(2);
        assertThat(c.err()).contains("--config", "/nonexistent/sextant.properties");
    }

    @Test
    void unreachableZooKeeperFailsWithinTheConnectTimeoutInOneLine() throws IOException {
        int port = closedPort();
        long t0 = System.nanoTime();
        Cli c = Cli.run("list", "--backend", "zookeeper", "--endpoints", "127.0.0.1:" + port, "--connect-timeout", "1s");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(c.code).isEqualTo(1);
        assertThat(c.err().lines()).hasSize(1);
        assertThat(c.err()).startsWith("sextant: ").contains("127.0.0.1:" + port).doesNotContain("\tat ");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void verboseShowsTheStackTrace() throws IOException {
        Cli c = Cli.run("list", "--backend", "zookeeper", "--endpoints", "127.0.0.1:" + closedPort(),
                "--connect-timeout", "1s", "--verbose");
        assertThat(c.code).isEqualTo(1);
        assertThat(c.err()).contains("\tat ", "BackendUnavailableException");
    }

    @Test
    void environmentThenFileThenFlags(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("sextant.properties");
        Files.writeString(file, "sextant.backend=memory\nsextant.namespace=from-file\nsextant.memory.server=file\n");
        Map<String, String> env = Map.of("SEXTANT_BACKEND", "zookeeper", "SEXTANT_NAMESPACE", "from-env",
                "SEXTANT_MEMORY_SERVER", "env");
        // the file beats the environment (memory, not zookeeper), the flag beats the file
        Cli c = Cli.run(env, "list", "--json", "--config", file.toString(), "--namespace", "from-flag");
        assertThat(c.code).as(c.err()).isZero();
        assertThat(c.out()).contains("\"backend\":\"memory\"", "\"namespace\":\"from-flag\"");
        Cli fileOnly = Cli.run(env, "list", "--json", "--config", file.toString());
        assertThat(fileOnly.out()).contains("\"namespace\":\"from-file\"");
        Cli envOnly = Cli.run(Map.of("SEXTANT_BACKEND", "memory", "SEXTANT_NAMESPACE", "from-env"), "list", "--json");
        assertThat(envOnly.out()).contains("\"namespace\":\"from-env\"");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
