package io.sextant.cli.internal.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback between one demo instance's registry and the backend, so the demo can make
 * that instance's process "die" from the backend's point of view: {@link #cut()} closes every
 * connection and refuses new ones, exactly what the backend sees when a process is killed. Nothing is
 * deregistered; the record lives until its lease or session expires. At most {@value #MAX_LINKS}
 * connections; two daemon threads per connection.
 */
final class LinkCutter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkCutter.class);
    static final int MAX_LINKS = 8;

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    private LinkCutter(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "sextant-demo-link-accept");
        t.setDaemon(true);
        t.start();
    }

    /** A relay from a free loopback port to {@code host:port}. */
    static LinkCutter to(String host, int port) throws IOException {
        return new LinkCutter(host, port);
    }

    /** The loopback port clients connect to. */
    int port() {
        return server.getLocalPort();
    }

    /** Closes every connection and refuses new ones, for good. */
    void cut() {
        cut = true;
        closeQuietly(server);
        sockets.forEach(LinkCutter::closeQuietly);
    }

    boolean isCut() {
        return cut;
    }

    @Override
    public void close() {
        cut();
    }

    private void acceptLoop() {
        while (!cut) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed by cut()
            }
            if (cut || sockets.size() >= 2 * MAX_LINKS) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                log.debug("Relay to {}:{} failed", upstreamHost, upstreamPort, e);
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // a side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "sextant-demo-link");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
