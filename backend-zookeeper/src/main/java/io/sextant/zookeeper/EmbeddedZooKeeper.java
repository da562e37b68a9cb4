package io.sextant.zookeeper;

import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A single ZooKeeper server in this JVM, listening on 127.0.0.1 only, with its data in a temporary
 * directory deleted on {@link #close()}. Meant for demos and local experiments (the CLI's {@code demo}),
 * not for production.
 *
 * <p>It accepts session timeouts from 1 s to 10 min (tick 500 ms), so short TTLs work. The admin HTTP
 * server is off. Like any in-process ZooKeeper server it copies some settings into JVM-wide
 * {@code zookeeper.*} system properties.
 *
 * <pre>{@code
 * try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper(0).start()) {
 *     String connect = zk.connectString(); // e.g. 127.0.0.1:40123 for sextant.zookeeper.connect
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final long START_TIMEOUT_MS = 30_000;

    private final int requestedPort;
    private ZooKeeperServerEmbedded server;
    private Path baseDir;
    private int port;

    /** A server on a free port of 127.0.0.1. */
    public EmbeddedZooKeeper() {
        this(0);
    }

    /**
     * A server on {@code port} of 127.0.0.1.
     *
     * @param port 1..65535, or 0 for a free port
     * @throws IllegalArgumentException when {@code port} is out of range
     */
    public EmbeddedZooKeeper(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, got " + port);
        }
        this.requestedPort = port;
    }

    /**
     * Starts the server and waits until it accepts connections. Blocks.
     *
     * @return this
     * @throws IllegalStateException when already started or closed
     * @throws UncheckedIOException when the server cannot start (port taken, no temporary directory)
     */
    public synchronized EmbeddedZooKeeper start() {
        if (server != null || baseDir != null) {
            throw new IllegalStateException("EmbeddedZooKeeper can be started once");
        }
        try {
            baseDir = Files.createTempDirectory("sextant-zookeeper-");
            port = requestedPort != 0 ? requestedPort : freePort();
            Properties p = new Properties();
            p.setProperty("clientPort", Integer.toString(port));
            p.setProperty("clientPortAddress", "127.0.0.1");
            p.setProperty("tickTime", "500");
            p.setProperty("minSessionTimeout", "1000");
            p.setProperty("maxSessionTimeout", "600000");
            p.setProperty("admin.enableServer", "false");
            p.setProperty("4lw.commands.whitelist", "ruok,srvr,stat");
            server = ZooKeeperServerEmbedded.builder().baseDir(baseDir).configuration(p)
                    .exitHandler(ExitHandler.LOG_ONLY).build();
            server.start(START_TIMEOUT_MS);
            LOG.info("Embedded ZooKeeper listening on {}", connectString());
            return this;
        } catch (Exception e) {
            close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Could not start the embedded ZooKeeper on 127.0.0.1:" + port, io);
            }
            throw new UncheckedIOException("Could not start the embedded ZooKeeper on 127.0.0.1:" + port,
                    new IOException(e));
        }
    }

    /**
     * The connect string, {@code 127.0.0.1:<port>}.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized String connectString() {
        if (server == null) {
            throw new IllegalStateException("EmbeddedZooKeeper is not started");
        }
        return "127.0.0.1:" + port;
    }

    /**
     * The port it listens on.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("EmbeddedZooKeeper is not started");
        }
        return port;
    }

    /** Stops the server and deletes its data. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
            LOG.info("Embedded ZooKeeper on 127.0.0.1:{} stopped", port);
        }
        if (baseDir != null && Files.exists(baseDir)) {
            try (Stream<Path> files = Files.walk(baseDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                LOG.warn("Could not delete {}", baseDir, e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
