package io.sextant.console;

import io.sextant.Registration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Server-Sent Events stream: framing, change events from cache listeners, and the end of the stream. */
class EventStreamTest {
    private final ConsoleFixture f = new ConsoleFixture();
    /** Events read while looking for another one. */
    private final java.util.List<com.fasterxml.jackson.databind.JsonNode> seen = new java.util.ArrayList<>();

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    /** Reads the stream line by line into a queue, as a browser's EventSource would receive it. */
    private BlockingQueue<String> open(Console c) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> r = f.http.send(HttpRequest.newBuilder(c.uri().resolve("api/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        CompletableFuture.runAsync(() -> r.body().forEach(lines::add));
        return lines;
    }

    private static String next(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' within 5s");
    }

    @Test
    void helloThenAChangeEventPerRegistrationAndRemoval() throws Exception {
        f.register("svc", "s1", "", 100, Map.of());
        Console c = f.console();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(f.json(c, "api/instances?service=svc").get("instances")).hasSize(1));
        BlockingQueue<String> lines = open(c);
        assertThat(next(lines, "retry:")).isEqualTo("retry: 1000");
        assertThat(next(lines, "event:")).isEqualTo("event: hello");

        Registration s2 = f.register("svc", "s2", "", 100, Map.of("note", "line1\nline2 <b>"));
        var doc = data(lines, "change");
        assertThat(doc.get("service").asText()).isEqualTo("svc");
        assertThat(doc.get("added").get(0).asText()).isEqualTo("s2");
        assertThat(doc.get("size").asInt()).isEqualTo(2);
        // The registry's own event about the same update, from Registry.addEventListener.
        var event = seen.stream().filter(e -> e.has("type")).findFirst().orElseGet(() -> data(lines, "registry"));
        assertThat(event.get("type").asText()).isEqualTo("CacheUpdatedEvent");
        assertThat(event.get("service").asText()).isEqualTo("svc");

        s2.close();
        var removed = data(lines, "change");
        assertThat(removed.get("removed").get(0).asText()).isEqualTo("s2");
        assertThat(removed.get("size").asInt()).isEqualTo(1);
    }

    /** The JSON of the next event called {@code name}; an event's data line follows its event line. */
    private com.fasterxml.jackson.databind.JsonNode data(BlockingQueue<String> lines, String name) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                String event = next(lines, "event: ");
                String data = lines.poll(5, TimeUnit.SECONDS);
                assertThat(data).startsWith("data: ");
                var doc = ConsoleFixture.JSON.readTree(data.substring(6));
                if (event.equals("event: " + name)) {
                    return doc;
                }
                seen.add(doc);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no event '" + name + "' within 5s");
    }

    @Test
    void aNewServiceIsAnnouncedAndItsChangesStream() throws Exception {
        Console c = f.console();
        BlockingQueue<String> lines = open(c);
        next(lines, "event: hello");
        next(lines, "data:");
        f.register("fresh", "f1", "", 100, Map.of());
        // The catalog announces the name ("services"), then the cache's listener and the registry report it.
        assertThat(next(lines, "data: {\"services\"")).contains("\"fresh\"");
    }

    @Test
    void connectionStatesStreamAndShowInHealth() throws Exception {
        Console c = f.console();
        BlockingQueue<String> lines = open(c);
        next(lines, "event: hello");
        io.sextant.memory.MemoryServer server = io.sextant.memory.MemoryServer.named(f.server);
        server.stop();
        try {
            var lost = data(lines, "registry");
            while (!lost.get("type").asText().equals("ConnectionStateChangedEvent")) {
                lost = data(lines, "registry");
            }
            assertThat(lost.get("detail").asText()).startsWith("CONNECTED -> ");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(f.json(c, "api/health").get("connection").asText()).isNotEqualTo("CONNECTED"));
        } finally {
            server.start();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(f.json(c, "api/health").get("connection").asText()).isIn("CONNECTED", "RECONNECTED"));
    }

    @Test
    void closingTheConsoleEndsTheStream() throws Exception {
        Console c = f.console();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> r = f.http.send(HttpRequest.newBuilder(c.uri().resolve("api/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> r.body().forEach(lines::add));
        next(lines, "event: hello");
        c.close();
        done.exceptionally(e -> null).get(5, TimeUnit.SECONDS);
        assertThat(done).isDone();
    }
}
