package io.sextant;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SextantConfigTest {

    @Test
    void defaults() {
        SextantConfig c = SextantConfig.builder().backend("memory").build();
        assertThat(c.namespace()).isEqualTo("sextant");
        assertThat(c.ttl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.massDropThreshold()).isEqualTo(0.5);
        assertThat(c.snapshotDir()).isNull();
        assertThat(c.supervisorInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fromEnvironmentMapsVariablesToKeys() {
        SextantConfig c = SextantConfig.fromEnvironment(Map.of(
                "SEXTANT_BACKEND", "etcd",
                "SEXTANT_ETCD_ENDPOINTS", "http://127.0.0.1:1,http://127.0.0.1:2",
                "SEXTANT_TTL", "3s",
                "SEXTANT_NAMESPACE", "prod",
                "PATH", "/bin"));
        assertThat(c.backend()).isEqualTo("etcd");
        assertThat(c.property("sextant.etcd.endpoints")).isEqualTo("http://127.0.0.1:1,http://127.0.0.1:2");
        assertThat(c.ttl()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.namespace()).isEqualTo("prod");
        assertThat(c.properties()).doesNotContainKey("path");
    }

    @Test
    void fromPropertiesReadsOnlySextantKeys() {
        Properties p = new Properties();
        p.setProperty("sextant.backend", "zookeeper");
        p.setProperty("sextant.zookeeper.connect", "127.0.0.1:2181");
        p.setProperty("sextant.request.timeout", "PT2S");
        p.setProperty("other", "x");
        SextantConfig c = SextantConfig.fromProperties(p);
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.properties()).containsOnlyKeys("sextant.backend", "sextant.zookeeper.connect", "sextant.request.timeout");
    }

    @Test
    void durationFormats() {
        assertThat(SextantConfig.parseDuration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(SextantConfig.parseDuration("k", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(SextantConfig.parseDuration("k", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(SextantConfig.parseDuration("k", "PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(SextantConfig.parseDuration("k", "7")).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void badValuesNameTheKeyAndTheRule() {
        assertThatThrownBy(() -> SextantConfig.builder().build())
                .hasMessageContaining("sextant.backend must be set");
        assertThatThrownBy(() -> SextantConfig.builder().backend("memory").set("sextant.ttl", "soon").build())
                .hasMessage("sextant.ttl must be a duration such as 10s, 500ms, 2m or PT10S, got 'soon'");
        assertThatThrownBy(() -> SextantConfig.builder().backend("memory").set("sextant.ttl", "0s").build())
                .hasMessage("sextant.ttl must be positive, got PT0S");
        assertThatThrownBy(() -> SextantConfig.builder().backend("memory").namespace("a/b").build())
                .hasMessageStartingWith("sextant.namespace must match");
        assertThatThrownBy(() -> SextantConfig.builder().backend("memory").set("sextant.cache.massdrop.threshold", "2").build())
                .hasMessage("sextant.cache.massdrop.threshold must be in 0.0..1.0, got 2.0");
        assertThatThrownBy(() -> SextantConfig.builder().backend("memory").set("sextant.cache.massdrop.threshold", "x").build())
                .hasMessageStartingWith("sextant.cache.massdrop.threshold must be a number");
        assertThatThrownBy(() -> SextantConfig.builder().set("backend", "x"))
                .hasMessage("key must start with 'sextant.', got 'backend'");
    }

    @Test
    void toStringHidesPasswords() {
        SextantConfig c = SextantConfig.builder().backend("etcd").set("sextant.auth.password", "hunter2").build();
        assertThat(c.toString()).doesNotContain("hunter2").contains("sextant.auth.password=****");
    }
}
