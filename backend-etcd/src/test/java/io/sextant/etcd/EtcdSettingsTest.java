package io.sextant.etcd;

import io.sextant.SextantConfig;
import io.sextant.spi.BackendConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EtcdSettingsTest {

    private static EtcdSettings settings(SextantConfig.Builder b) {
        return EtcdSettings.from(BackendConfig.from(b.build()));
    }

    private static SextantConfig.Builder base() {
        return SextantConfig.builder().backend("etcd").set("sextant.etcd.endpoints", "http://10.0.0.1:2379, http://10.0.0.2:2379");
    }

    @Test
    void readsEndpointsNamespaceAndTtl() {
        EtcdSettings s = settings(base().namespace("prod").ttl(Duration.ofMillis(2500)));
        assertThat(s.endpoints()).hasSize(2);
        assertThat(s.endpointList()).isEqualTo("http://10.0.0.1:2379,http://10.0.0.2:2379");
        assertThat(s.namespace()).isEqualTo("prod");
        assertThat(s.ttlSeconds()).isEqualTo(3);
        assertThat(s.tls()).isFalse();
        assertThat(settings(base()).ttlSeconds()).isEqualTo(10);
        assertThat(settings(base().ttl(Duration.ofMillis(10))).ttlSeconds()).isEqualTo(1);
    }

    @Test
    void rejectsBadEndpointsNamingTheKey() {
        for (String bad : new String[] {"", "10.0.0.1:2379", "ftp://h:1", "http://h", "http://a:1,https://b:2", " , "}) {
            assertThatThrownBy(() -> settings(base().set("sextant.etcd.endpoints", bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sextant.etcd.endpoints");
        }
        assertThatThrownBy(() -> settings(SextantConfig.builder().backend("etcd")))
                .hasMessageContaining("sextant.etcd.endpoints must be set");
    }

    @Test
    void tlsFilesMustExistAndPairUp(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        SextantConfig.Builder https = base().set("sextant.etcd.endpoints", "https://h:2379");
        assertThat(settings(https.set("sextant.tls.ca", ca.toString())).ca()).isEqualTo(ca);
        assertThatThrownBy(() -> settings(base().set("sextant.tls.ca", dir.resolve("missing").toString())))
                .hasMessageContaining("sextant.tls.ca must name a readable file");
        assertThatThrownBy(() -> settings(https.set("sextant.tls.cert", cert.toString())))
                .hasMessageContaining("sextant.tls.cert and sextant.tls.key must be set together");
        assertThatThrownBy(() -> settings(base().set("sextant.tls.ca", ca.toString())))
                .hasMessageContaining("must use https://");
    }

    @Test
    void userAndPasswordGoTogether() {
        assertThat(settings(base().set("sextant.auth.user", "u").set("sextant.auth.password", "p")).user()).isEqualTo("u");
        assertThatThrownBy(() -> settings(base().set("sextant.auth.password", "p")))
                .hasMessageContaining("sextant.auth.user must be set");
        assertThatThrownBy(() -> settings(base().set("sextant.auth.user", "u")))
                .hasMessageContaining("sextant.auth.password must be set");
        assertThat(settings(base().set("sextant.auth.user", "u").set("sextant.auth.password", "secret")).toString())
                .doesNotContain("secret");
    }
}
