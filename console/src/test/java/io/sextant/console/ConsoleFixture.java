package io.sextant.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A memory-backend "store" with two registries on it: {@code library}, through which tests register as an
 * application would, and {@code watcher}, which the console reads (as a separate process would).
 */
final class ConsoleFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final String server = "console-" + UUID.randomUUID();
    final Registry library = Registry.open(config());
    final Registry watcher = Registry.open(config());
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    SextantConfig config() {
        return SextantConfig.builder().backend("memory").set("sextant.memory.server", server)
                .ttl(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    Console console(ConsoleBuilder builder) throws IOException {
        Console c = builder.serviceRefresh(Duration.ofMillis(200)).start();
        closeables.add(c);
        return c;
    }

    Console console() throws IOException {
        return console(Console.builder(watcher));
    }

    Registration register(String service, String id, String zone, int weight, Map<String, String> metadata) {
        Registration r = library.register(ServiceInstance.builder(service).id(id).host("10.0.0." + (id.hashCode() & 0x7f))
                .port(8080).zone(zone).weight(weight).metadata(metadata).build());
        closeables.add(r);
        return r;
    }

    HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(Console c, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(c.uri(), path);
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    @Override
    public void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        watcher.close();
        library.close();
    }
}
