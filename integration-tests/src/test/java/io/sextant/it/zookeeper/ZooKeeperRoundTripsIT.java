package io.sextant.it.zookeeper;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.EphemeralHandle;
import io.sextant.testing.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sextant.it.zookeeper.ZkTestSupport.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests per operation, counted by the server: its {@code cons} command reports the packets received
 * on each connection. A deregistration is one request (a versioned delete), not a read and a delete.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZooKeeperRoundTripsIT {
    private static final int N = 20;
    private static ZooKeeperFixture zk;

    @BeforeAll
    static void startServer() throws Exception {
        zk = ZooKeeperFixture.single();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    void aDeregistrationIsOneRoundTrip() throws Exception {
        SextantConfig config = zk.config().namespace(freshNamespace("rtt")).build();
        try (Backend backend = ZkTestSupport.open(config)) {
            List<EphemeralHandle> handles = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                handles.add(backend.putEphemeral("/services/rtt/i-" + i, bytes("v")).get(5, TimeUnit.SECONDS));
            }
            String session = sessionOf(config);
            long before = received(session);
            for (EphemeralHandle h : handles) {
                h.delete().get(5, TimeUnit.SECONDS);
            }
            long requests = received(session) - before;
            // One delete each; a ping (every third of the 3 s session timeout) may fall in the window.
            assertThat(requests).as("requests for %d deregistrations", N).isBetween((long) N, (long) N + 3);
            assertThat(backend.list("/services/rtt/").get(5, TimeUnit.SECONDS)).isEmpty();
        }
    }

    /** The session id, as {@code cons} prints it, of the backend that registered the records. */
    private static String sessionOf(SextantConfig config) throws Exception {
        return "sid=0x" + Long.toHexString(zk.ownerOf(config, "/services/rtt/i-0"));
    }

    private static long received(String sid) throws IOException {
        String port = zk.connectString().substring(zk.connectString().lastIndexOf(':') + 1);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port))) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write("cons".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String out = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            for (String line : out.split("\n")) {
                if (line.contains(sid + ",")) {
                    Matcher m = Pattern.compile("recved=(\\d+)").matcher(line);
                    if (m.find()) {
                        return Long.parseLong(m.group(1));
                    }
                }
            }
            throw new IllegalStateException("no connection with " + sid + " in: " + out);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
