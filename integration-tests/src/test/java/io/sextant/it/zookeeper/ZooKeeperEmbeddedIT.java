package io.sextant.it.zookeeper;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.zookeeper.EmbeddedZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.zookeeper.RecordingWatchListener.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The embedded single server the CLI's demo starts in-process. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZooKeeperEmbeddedIT {

    @Test
    void startsOnLoopbackAndABackendRegistersAndWatchesThroughIt() throws Exception {
        int port;
        try (EmbeddedZooKeeper server = new EmbeddedZooKeeper().start()) {
            assertThat(server.connectString()).isEqualTo("127.0.0.1:" + server.port());
            port = server.port();
            SextantConfig config = SextantConfig.builder().backend("zookeeper")
                    .set("sextant.zookeeper.connect", server.connectString()).ttl(Duration.ofSeconds(2)).build();
            try (Backend writer = ZkTestSupport.open(config); Backend watcher = ZkTestSupport.open(config)) {
                RecordingWatchListener seen = new RecordingWatchListener();
                try (AutoCloseable w = watcher.watch("/services/demo/", seen)) {
                    writer.putEphemeral("/services/demo/d-1", bytes("hello")).get(5, TimeUnit.SECONDS);
                    await().atMost(Duration.ofSeconds(10)).until(() -> seen.state().equals(Map.of("/services/demo/d-1", "hello")));
                }
            }
        }
        assertThat(accepts(port)).as("closed server no longer listens").isFalse();
    }

    @Test
    void listensOnTheGivenPortAndRejectsBadPorts() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (EmbeddedZooKeeper server = new EmbeddedZooKeeper(port).start()) {
            assertThat(server.connectString()).isEqualTo("127.0.0.1:" + port);
            assertThat(accepts(port)).isTrue();
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> new EmbeddedZooKeeper(70_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new EmbeddedZooKeeper().connectString()).isInstanceOf(IllegalStateException.class);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
