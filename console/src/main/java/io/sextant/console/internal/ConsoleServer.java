package io.sextant.console.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sextant.Registry;
import io.sextant.RegistryEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The console's HTTP server.
 *
 * <p>Why the JDK's {@code com.sun.net.httpserver.HttpServer}: the console serves a handful of GET endpoints and
 * one event stream to a few local browsers. The JDK server does that with no dependency (nothing to shade into
 * the CLI, no version to keep up with, no transitive CVEs), it is an exported, supported module
 * ({@code jdk.httpserver}) on every JDK 17+, and it lets an exchange outlive its handler, which is all SSE needs.
 * Jetty, Netty or Undertow would add megabytes for features the console does not use.
 *
 * <p>Requests run on a bounded pool (at most {@value #THREADS} threads, {@value #QUEUE} queued); past that the
 * accepting thread runs the request itself, which slows accepting instead of growing a queue.
 */
public final class ConsoleServer implements AutoCloseable {
    static final int THREADS = 4;
    static final int QUEUE = 64;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final Registry registry;
    private final ConsoleSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ThreadPoolExecutor requests;
    private final ScheduledExecutorService timer;
    private final EventHub hub;
    private final Catalog catalog;
    private final Views views;
    private final BalanceView balance;
    private final Access access;
    private final RegistryEventListener listener;
    private final StaticFiles files = new StaticFiles();
    private volatile boolean closed;

    private ConsoleServer(Registry registry, ConsoleSettings settings) throws IOException {
        this.registry = registry;
        this.settings = settings;
        this.hub = new EventHub(json);
        this.catalog = new Catalog(registry, hub);
        this.views = new Views(registry, catalog);
        this.balance = new BalanceView(settings.breakers());
        this.access = new Access(settings.token(), settings.bind().isLoopbackAddress());
        this.requests = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                Threads.named("sextant-console-http"), new ThreadPoolExecutor.CallerRunsPolicy());
        this.requests.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(Threads.named("sextant-console-timer"));
        this.listener = e -> hub.publish("registry", Views.event(e));
        this.server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 64);
        server.setExecutor(requests);
        server.createContext("/", this::handle);
    }

    /** Binds, follows the registry's services and starts serving. */
    public static ConsoleServer start(Registry registry, ConsoleSettings settings) throws IOException {
        ConsoleServer s = new ConsoleServer(registry, settings);
        registry.addEventListener(s.listener);
        s.catalog.refresh();
        long every = settings.serviceRefresh().toMillis();
        s.timer.scheduleWithFixedDelay(s::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
        s.timer.scheduleWithFixedDelay(s.hub::heartbeat, 10, 10, TimeUnit.SECONDS);
        s.server.start();
        LOG.info("console serving {}", s.address());
        return s;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public URI uri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host.replaceAll("%.*", "") + "]";
        }
        String token = settings.token() == null ? ""
                : "?token=" + java.net.URLEncoder.encode(settings.token(), StandardCharsets.UTF_8);
        return URI.create("http://" + host + ":" + a.getPort() + "/" + token);
    }

    private void refreshQuietly() {
        try {
            catalog.refresh();
        } catch (RuntimeException e) {
            LOG.warn("refreshing the service list failed", e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        boolean keepOpen = false;
        try {
            Responses.secure(ex);
            Query query = new Query(ex.getRequestURI());
            Integer denied = access.check(ex, query);
            if (denied != null) {
                throw new HttpError(denied, denied == 401 ? "a valid token is required" : "the Host header must name loopback");
            }
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                throw new HttpError(405, "the console is read-only: GET and HEAD only");
            }
            String path = ex.getRequestURI().getPath();
            switch (path) {
                case "/", "/index.html" -> {
                    if (access.tokenRequired() && query.get("token") != null) {
                        // The token was just checked, and tokens are of cookie-safe characters (ConsoleBuilder).
                        ex.getResponseHeaders().add("Set-Cookie", Access.COOKIE + "=" + query.get("token")
                                + "; Path=/; HttpOnly; SameSite=Strict");
                    }
                    files.send(ex, "index.html");
                }
                case "/app.js", "/app.css" -> files.send(ex, path.substring(1));
                case "/api/services" -> Responses.json(ex, json, views.services());
                case "/api/instances" -> Responses.json(ex, json, views.instances(query.get("service")));
                case "/api/health" -> Responses.json(ex, json, views.health());
                case "/api/balance" -> {
                    String service = query.get("service");
                    Responses.json(ex, json, balance.shares(service, views.entry(service).cache(),
                            query.get("strategy"), query.get("zone")));
                }
                case "/api/events" -> {
                    if (method.equals("HEAD")) {
                        Responses.send(ex, 200, "text/event-stream; charset=utf-8", new byte[0]);
                    } else {
                        hub.subscribe(ex, Map.of("at", Instant.now().toString()));
                        keepOpen = true;
                    }
                }
                default -> throw new HttpError(404, "no such page: " + path);
            }
        } catch (HttpError e) {
            Responses.text(ex, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("request {} failed", ex.getRequestURI().getPath(), e);
            Responses.text(ex, 500, "internal error: " + e.getClass().getSimpleName());
        } finally {
            if (!keepOpen) {
                ex.close();
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        registry.removeEventListener(listener);
        timer.shutdownNow();
        hub.close();
        server.stop(0);
        requests.shutdownNow();
        catalog.close();
    }
}
