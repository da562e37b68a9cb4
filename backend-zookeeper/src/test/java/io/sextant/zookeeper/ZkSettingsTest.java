package io.sextant.zookeeper;

import io.sextant.SextantConfig;
import io.sextant.spi.BackendConfig;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZkSettingsTest {

    private static SextantConfig.Builder base() {
        return SextantConfig.builder().backend("zookeeper").set(ZkSettings.CONNECT, "127.0.0.1:2181,zk2:2182");
    }

    private static ZkSettings settings(SextantConfig.Builder b) {
        return ZkSettings.from(BackendConfig.from(b.build()));
    }

    @Test
    void readsConnectNamespaceAndTimeouts() {
        ZkSettings s = settings(base().namespace("prod").ttl(Duration.ofSeconds(7)).connectTimeout(Duration.ofSeconds(2)));
        assertThat(s.connect()).isEqualTo("127.0.0.1:2181,zk2:2182");
        assertThat(s.namespace()).isEqualTo("prod");
        assertThat(s.sessionTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.hasAuth()).isFalse();
        assertThat(s.tls()).isFalse();
    }

    @Test
    void rejectsMissingOrMalformedConnectStrings() {
        assertThatThrownBy(() -> settings(SextantConfig.builder().backend("zookeeper")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ZkSettings.CONNECT);
        for (String bad : new String[] {"zk1", "zk1:2181/chroot", "zk1:port", "zk1:2181,,zk2:2181", " "}) {
            assertThatThrownBy(() -> settings(base().set(ZkSettings.CONNECT, bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ZkSettings.CONNECT);
        }
    }

    @Test
    void digestCredentialsComeAsAPairWithoutColonInTheUser() {
        ZkSettings s = settings(base().set(ZkSettings.AUTH_USER, "alice").set(ZkSettings.AUTH_PASSWORD, "p:w"));
        assertThat(new String(s.digestAuth(), StandardCharsets.UTF_8)).isEqualTo("alice:p:w");
        assertThat(s.toString()).doesNotContain("p:w");
        assertThatThrownBy(() -> settings(base().set(ZkSettings.AUTH_USER, "alice")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ZkSettings.AUTH_PASSWORD);
        assertThatThrownBy(() -> settings(base().set(ZkSettings.AUTH_USER, "a:b").set(ZkSettings.AUTH_PASSWORD, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ZkSettings.AUTH_USER);
    }

    @Test
    void tlsKeysBecomeZooKeeperClientProperties() {
        ZkSettings s = settings(base().set("sextant.zookeeper.tls.enabled", "true")
                .set("sextant.zookeeper.tls.keystore.location", "/k.p12")
                .set("sextant.zookeeper.tls.keystore.password", "kp")
                .set("sextant.zookeeper.tls.truststore.location", "/t.p12")
                .set("sextant.zookeeper.tls.truststore.type", "PKCS12")
                .set("sextant.zookeeper.tls.hostname.verification", "false")
                .set("sextant.zookeeper.client.zookeeper.ssl.protocol", "TLSv1.3"));
        ZKClientConfig zk = s.clientConfig();
        assertThat(s.tls()).isTrue();
        assertThat(zk.getProperty("zookeeper.client.secure")).isEqualTo("true");
        assertThat(zk.getProperty("zookeeper.clientCnxnSocket")).isEqualTo("org.apache.zookeeper.ClientCnxnSocketNetty");
        assertThat(zk.getProperty("zookeeper.ssl.keyStore.location")).isEqualTo("/k.p12");
        assertThat(zk.getProperty("zookeeper.ssl.keyStore.password")).isEqualTo("kp");
        assertThat(zk.getProperty("zookeeper.ssl.trustStore.location")).isEqualTo("/t.p12");
        assertThat(zk.getProperty("zookeeper.ssl.trustStore.type")).isEqualTo("PKCS12");
        assertThat(zk.getProperty("zookeeper.ssl.hostnameVerification")).isEqualTo("false");
        assertThat(zk.getProperty("zookeeper.ssl.protocol")).isEqualTo("TLSv1.3");
        assertThatThrownBy(() -> settings(base().set("sextant.zookeeper.tls.enabled", "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sextant.zookeeper.tls.enabled");
    }
}
