package io.sextant.cli.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigSourcesTest {

    @Test
    void environmentVariablesBecomeKeysAndOthersAreIgnored() {
        assertThat(ConfigSources.fromEnvironment(Map.of("SEXTANT_ETCD_ENDPOINTS", "http://a:1", "SEXTANT_", "x",
                "PATH", "/bin", "sextant_backend", "etcd")))
                .containsExactlyEntriesOf(Map.of("sextant.etcd.endpoints", "http://a:1"));
    }

    @Test
    void flagsWinOverTheFileWhichWinsOverTheEnvironment() {
        Map<String, String> merged = ConfigSources.merge(
                Map.of("sextant.backend", "etcd", "sextant.namespace", "env", "sextant.ttl", "5s"),
                Map.of("sextant.namespace", "file", "sextant.ttl", "6s"),
                Map.of("sextant.ttl", "7s"));
        assertThat(merged).containsEntry("sextant.backend", "etcd").containsEntry("sextant.namespace", "file")
                .containsEntry("sextant.ttl", "7s");
    }

    @Test
    void fileKeepsOnlySextantKeys(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("c.properties");
        Files.writeString(f, "sextant.backend=zookeeper\nother.key=1\n# comment\nsextant.zookeeper.connect = h:2181\n");
        assertThat(ConfigSources.fromFile(f)).containsExactlyInAnyOrderEntriesOf(
                Map.of("sextant.backend", "zookeeper", "sextant.zookeeper.connect", "h:2181"));
        assertThatThrownBy(() -> ConfigSources.fromFile(dir.resolve("missing.properties")))
                .isInstanceOf(CliException.class).hasMessageContaining("no such file");
    }

    @Test
    void aConfigNeedsABackendAndValidatesTypedKeys() {
        assertThatThrownBy(() -> ConfigSources.toConfig(Map.of("sextant.namespace", "x")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("no backend configured");
        assertThatThrownBy(() -> ConfigSources.toConfig(Map.of("sextant.backend", "memory", "sextant.ttl", "-1s")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sextant.ttl");
        assertThat(ConfigSources.toConfig(Map.of("sextant.backend", "memory", "sextant.ttl", "3s")).ttl())
                .hasSeconds(3);
    }
}
