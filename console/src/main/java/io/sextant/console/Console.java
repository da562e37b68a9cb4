package io.sextant.console;

import io.sextant.Registry;
import io.sextant.console.internal.ConsoleServer;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A running console: an HTTP server on one address serving the page and its JSON and event endpoints. It only
 * reads the registry. Closing it stops the server and releases the cache handles it opened; the registry stays
 * open (it belongs to the caller).
 */
public final class Console implements AutoCloseable {
    private final ConsoleServer server;

    Console(ConsoleServer server) {
        this.server = server;
    }

    /** A builder of a console over {@code registry}, bound to 127.0.0.1 on a free port unless told otherwise. */
    public static ConsoleBuilder builder(Registry registry) {
        return new ConsoleBuilder(registry);
    }

    /** The bound address (the real port when port 0 was asked for). */
    public InetSocketAddress address() {
        return server.address();
    }

    /** The page's URL, with {@code ?token=...} when a token is required, ready to open in a browser. */
    public URI uri() {
        return server.uri();
    }

    /** Stops serving: open event streams end, the cache handles are closed. Idempotent. */
    @Override
    public void close() {
        server.close();
    }
}
