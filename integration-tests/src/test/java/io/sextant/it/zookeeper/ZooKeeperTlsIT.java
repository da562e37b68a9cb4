package io.sextant.it.zookeeper;

import io.sextant.BackendUnavailableException;
import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.zookeeper.RecordingWatchListener.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * TLS to ZooKeeper: a real server with only a secure client port (mutual TLS; key and trust stores
 * made by {@code keytool} for 127.0.0.1), reached through the {@code sextant.zookeeper.tls.*} keys.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ZooKeeperTlsIT {
    private static final String PASSWORD = "changeit";
    private static final String FACTORY = "zookeeper.serverCnxnFactory";

    @TempDir
    static Path dir;
    private static ZooKeeperServerEmbedded server;
    private static final Map<String, String> ZOOKEEPER_PROPERTIES = new java.util.HashMap<>();
    private static int securePort;

    @BeforeAll
    static void startSecureServer() throws Exception {
        Path keystore = dir.resolve("node.p12");
        Path cert = dir.resolve("node.crt");
        Path truststore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "node", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "node", "-file", cert.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);

        securePort = freePort();
        Properties p = new Properties();
        p.setProperty("clientPort", Integer.toString(freePort()));
        p.setProperty("clientPortAddress", "127.0.0.1");
        p.setProperty("secureClientPort", Integer.toString(securePort));
        p.setProperty("secureClientPortAddress", "127.0.0.1");
        p.setProperty("tickTime", "250");
        p.setProperty("admin.enableServer", "false");
        p.setProperty("ssl.keyStore.location", keystore.toString());
        p.setProperty("ssl.keyStore.password", PASSWORD);
        p.setProperty("ssl.keyStore.type", "PKCS12");
        p.setProperty("ssl.trustStore.location", truststore.toString());
        p.setProperty("ssl.trustStore.password", PASSWORD);
        p.setProperty("ssl.trustStore.type", "PKCS12");
        // The server copies its ssl.* settings into JVM-wide zookeeper.* properties; put them all back afterwards.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("zookeeper."))
                .forEach(k -> ZOOKEEPER_PROPERTIES.put(k, System.getProperty(k)));
        // Secure ports need the Netty connection factory, which ZooKeeper reads from a system property.
        System.setProperty(FACTORY, "org.apache.zookeeper.server.NettyServerCnxnFactory");
        server = ZooKeeperServerEmbedded.builder().baseDir(java.nio.file.Files.createDirectories(dir.resolve("zk"))).configuration(p)
                .exitHandler(ExitHandler.LOG_ONLY).build();
        server.start(30_000);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("zookeeper."))
                .filter(k -> !ZOOKEEPER_PROPERTIES.containsKey(k)).forEach(System::clearProperty);
        ZOOKEEPER_PROPERTIES.forEach(System::setProperty);
    }

    private static SextantConfig.Builder tlsConfig() {
        String keystore = dir.resolve("node.p12").toString();
        String truststore = dir.resolve("trust.p12").toString();
        return SextantConfig.builder().backend("zookeeper").namespace("tls")
                .set("sextant.zookeeper.connect", "127.0.0.1:" + securePort)
                .ttl(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(5))
                .set("sextant.zookeeper.tls.enabled", "true")
                .set("sextant.zookeeper.tls.keystore.location", keystore)
                .set("sextant.zookeeper.tls.keystore.password", PASSWORD)
                .set("sextant.zookeeper.tls.keystore.type", "PKCS12")
                .set("sextant.zookeeper.tls.truststore.location", truststore)
                .set("sextant.zookeeper.tls.truststore.password", PASSWORD)
                .set("sextant.zookeeper.tls.truststore.type", "PKCS12");
    }

    @Test
    void registersAndWatchesOverTls() throws Exception {
        SextantConfig config = tlsConfig().build();
        try (Backend writer = ZkTestSupport.open(config); Backend watcher = ZkTestSupport.open(config)) {
            RecordingWatchListener seen = new RecordingWatchListener();
            try (AutoCloseable w = watcher.watch("/services/secure/", seen)) {
                writer.putEphemeral("/services/secure/s-1", bytes("tls")).get(5, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.state().equals(Map.of("/services/secure/s-1", "tls")));
            }
        }
    }

    @Test
    void aPlainClientCannotUseTheSecurePortAndFailsWithinTheConnectTimeout() {
        SextantConfig plain = tlsConfig().set("sextant.zookeeper.tls.enabled", "false")
                .connectTimeout(Duration.ofMillis(1500)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> ZkTestSupport.open(plain)).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + securePort);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
