package io.sextant.spring;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

import java.util.Map;

/** A real ZooKeeper server in the test JVM on a free port, ticking every 250 ms so short session timeouts are allowed. */
final class TestZooKeeper implements AutoCloseable {
    private final TestingServer server;

    TestZooKeeper() throws Exception {
        InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, 250, -1,
                Map.of("admin.enableServer", "false"));
        server = new TestingServer(spec, true);
    }

    String connect() {
        return server.getConnectString();
    }

    /** Stops the server (the port stays reserved for {@link #restart()}). */
    void stop() throws Exception {
        server.stop();
    }

    void restart() throws Exception {
        server.restart();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
