package io.sextant.console;

import io.sextant.Registry;
import io.sextant.console.internal.ConsoleServer;
import io.sextant.console.internal.ConsoleSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link Console}. The console binds 127.0.0.1 by default; binding any other address requires a
 * token, which is then checked on every request (the page, its scripts, the JSON and the event stream).
 */
public final class ConsoleBuilder {
    /** The address bound unless {@link #bind(String)} says otherwise. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9._~+/=-]{8,256}");

    private final Registry registry;
    private String bind = DEFAULT_BIND;
    private int port;
    private String token;
    private BreakerStates breakers = BreakerStates.NONE;
    private Duration serviceRefresh = Duration.ofSeconds(1);

    ConsoleBuilder(Registry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The address to listen on, a host name or IP literal; default 127.0.0.1. A non-loopback one needs a token. */
    public ConsoleBuilder bind(String host) {
        this.bind = Objects.requireNonNull(host, "bind");
        return this;
    }

    /** The port, 0 (default) for a free one. */
    public ConsoleBuilder port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        this.port = port;
        return this;
    }

    /**
     * A secret every request must present (query {@code token}, bearer header, or the cookie the page sets): 8 to 256
     * characters of {@code [A-Za-z0-9._~+/=-]}, so it travels unchanged in a URL and a cookie. Null for none.
     */
    public ConsoleBuilder token(String token) {
        if (token != null && !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("token must be 8 to 256 characters of [A-Za-z0-9._~+/=-]");
        }
        this.token = token;
        return this;
    }

    /** Where the balancing view reads circuit-breaker states; default none. */
    public ConsoleBuilder breakerStates(BreakerStates breakers) {
        this.breakers = Objects.requireNonNull(breakers, "breakers");
        return this;
    }

    /**
     * How often the console asks the registry for the list of service names, to find services registered after
     * it started (changes within a known service arrive by watch, without this); default 1s.
     */
    public ConsoleBuilder serviceRefresh(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("serviceRefresh must be positive, got " + interval);
        }
        this.serviceRefresh = interval;
        return this;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalArgumentException when the address is not loopback and no token is set, or it does not resolve
     * @throws IOException when the address cannot be bound
     */
    public Console start() throws IOException {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind address '" + bind + "' does not resolve", e);
        }
        if (!address.isLoopbackAddress() && token == null) {
            throw new IllegalArgumentException("binding " + bind + " (not a loopback address) requires a token:"
                    + " anyone who can reach it could read the registry");
        }
        return new Console(ConsoleServer.start(registry,
                new ConsoleSettings(address, port, token, breakers, serviceRefresh)));
    }
}
