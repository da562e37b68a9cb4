package io.sextant.console.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The open Server-Sent Events streams. A stream does not hold a thread: its exchange stays open after the handler
 * returns, and one writer thread sends every event to every stream in order. The writer's queue is bounded; when
 * it is full the oldest event is dropped (a page refetches what an event names, so a lost event costs only a
 * delay). A stream that cannot be written is closed and forgotten.
 */
final class EventHub implements AutoCloseable {
    static final int MAX_STREAMS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final ObjectMapper json;
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor writer;
    private volatile boolean closed;

    private record Stream(HttpExchange exchange, OutputStream out) {
    }

    EventHub(ObjectMapper json) {
        this.json = json;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024),
                Threads.named("sextant-console-events"), new ThreadPoolExecutor.DiscardOldestPolicy());
    }

    /** Opens a stream on {@code exchange}; the exchange stays open until the client leaves or the hub closes. */
    void subscribe(HttpExchange exchange, Object hello) throws IOException {
        if (closed || streams.size() >= MAX_STREAMS) {
            throw new HttpError(503, "too many event streams (at most " + MAX_STREAMS + ")");
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        Stream s = new Stream(exchange, exchange.getResponseBody());
        streams.add(s);
        if (closed) {
            drop(s);
            return;
        }
        // retry: how soon EventSource reconnects when the console goes away (restart, network).
        byte[] first = ("retry: 1000\n" + frame("hello", hello)).getBytes(StandardCharsets.UTF_8);
        writer.execute(() -> write(s, first));
    }

    /** Sends one event named {@code name} with {@code data} as JSON to every stream. */
    void publish(String name, Object data) {
        if (closed) {
            return;
        }
        byte[] bytes = frame(name, data).getBytes(StandardCharsets.UTF_8);
        writer.execute(() -> streams.forEach(s -> write(s, bytes)));
    }

    /** A comment line, so dead connections are noticed and proxies keep live ones open. */
    void heartbeat() {
        if (!closed) {
            byte[] ping = ": ping\n\n".getBytes(StandardCharsets.UTF_8);
            writer.execute(() -> streams.forEach(s -> write(s, ping)));
        }
    }

    int streams() {
        return streams.size();
    }

    private String frame(String name, Object data) {
        try {
            // Jackson writes one line: newlines inside values are escaped, so a value cannot end the frame.
            return "event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + name + " is not serializable", e);
        }
    }

    private void write(Stream s, byte[] bytes) {
        try {
            s.out().write(bytes);
            s.out().flush();
        } catch (IOException | RuntimeException gone) {
            LOG.debug("event stream to {} closed: {}", s.exchange().getRemoteAddress(), gone.toString());
            drop(s);
        }
    }

    private void drop(Stream s) {
        if (streams.remove(s)) {
            s.exchange().close();
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.shutdown();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.forEach(this::drop);
    }
}
