package io.sextant.it.etcd;

import io.sextant.testing.EtcdCluster;
import io.sextant.testing.TestCerts;

import io.sextant.BackendUnavailableException;
import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.etcd.EtcdBackendIT.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A member with TLS (client certificates required) and auth on: the right client works, wrong ones fail clearly. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EtcdTlsAuthIT {
    private static TestCerts certs;
    private static EtcdCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(EtcdCluster.binaryAvailable(), "no etcd binary on PATH");
        Assumptions.assumeTrue(TestCerts.opensslAvailable(), "no openssl on PATH");
        certs = TestCerts.generate("sextant-client");
        cluster = EtcdCluster.start(1, certs);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (certs != null) {
            certs.delete();
        }
    }

    private static SextantConfig.Builder config() {
        return SextantConfig.builder().backend("etcd").namespace("tls").ttl(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(3)).requestTimeout(Duration.ofSeconds(3))
                .set("sextant.etcd.endpoints", cluster.endpoints())
                .set("sextant.tls.ca", certs.ca().toString())
                .set("sextant.tls.cert", certs.clientCert().toString())
                .set("sextant.tls.key", certs.clientKey().toString())
                .set("sextant.auth.user", cluster.adminUser())
                .set("sextant.auth.password", cluster.adminPassword());
    }

    @Test
    void configuredClientRegistersAndWatches() throws Exception {
        assertThat(cluster.endpoints()).startsWith("https://");
        try (Backend writer = Backends.open(config().build()); Backend reader = Backends.open(config().build())) {
            RecordingWatch watch = new RecordingWatch();
            reader.watch("/services/secure/", watch);
            writer.putEphemeral("/services/secure/i-1", b("x")).get(5, TimeUnit.SECONDS);
            await().until(() -> watch.view().equals(Map.of("/services/secure/i-1", "x")));
        }
    }

    @Test
    void wrongPasswordIsRefusedNamingEndpointAndCredentials() {
        SextantConfig bad = config().set("sextant.auth.password", "wrong").build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Backends.open(bad)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining(cluster.endpoints())
                .hasMessageContaining("refused the credentials of user 'root'");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void noCredentialsAtAllIsRefused() {
        SextantConfig bad = config().set("sextant.auth.user", null).set("sextant.auth.password", null).build();
        assertThatThrownBy(() -> Backends.open(bad)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining(cluster.endpoints()).hasMessageContaining("credentials");
    }

    @Test
    void clientWithoutCertificateFailsWithinTheConnectTimeoutNamingTheEndpoint() {
        SextantConfig bad = config().set("sextant.tls.cert", null).set("sextant.tls.key", null).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Backends.open(bad)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining(cluster.endpoints());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void plainHttpToTheTlsPortIsRefused() {
        SextantConfig bad = config().set("sextant.tls.ca", null).set("sextant.tls.cert", null).set("sextant.tls.key", null)
                .set("sextant.etcd.endpoints", cluster.endpoints().replace("https://", "http://")).build();
        assertThatThrownBy(() -> Backends.open(bad)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining(cluster.endpoints().replace("https://", "http://"))
                .hasMessageContaining("may expect TLS").hasMessageContaining("https://");
    }
}
