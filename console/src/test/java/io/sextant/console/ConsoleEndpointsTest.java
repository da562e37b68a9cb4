package io.sextant.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The JSON endpoints, the static files and the read-only rule, on the memory backend. */
class ConsoleEndpointsTest {
    private final ConsoleFixture f = new ConsoleFixture();

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void servicesCountInstancesPerZoneAndStatus() throws Exception {
        f.register("orders", "o1", "eu-1", 100, Map.of());
        f.register("orders", "o2", "eu-2", 100, Map.of());
        f.register("orders", "o3", "eu-2", 100, Map.of()).updateStatus(io.sextant.InstanceStatus.DRAINING).join();
        Console c = f.console();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode doc = f.json(c, "api/services");
            assertThat(doc.get("backend").asText()).isEqualTo("memory");
            JsonNode s = doc.get("services").get(0);
            assertThat(s.get("name").asText()).isEqualTo("orders");
            assertThat(s.get("instances").asInt()).isEqualTo(3);
            assertThat(s.get("pickable").asInt()).isEqualTo(2);
            assertThat(s.get("byZone").get("eu-1").asInt()).isEqualTo(1);
            assertThat(s.get("byZone").get("eu-2").asInt()).isEqualTo(2);
            assertThat(s.get("byStatus").get("UP").asInt()).isEqualTo(2);
            assertThat(s.get("byStatus").get("DRAINING").asInt()).isEqualTo(1);
            assertThat(s.get("ready").asBoolean()).isTrue();
            assertThat(s.get("stale").asBoolean()).isFalse();
            assertThat(s.get("staleForMillis").asLong()).isZero();
            assertThat(s.get("corruptRecords").asLong()).isZero();
            assertThat(s.has("updatedAgoMillis")).isTrue();
        });
    }

    @Test
    void aServiceRegisteredAfterStartIsFollowed() throws Exception {
        Console c = f.console();
        assertThat(f.json(c, "api/services").get("services")).isEmpty();
        f.register("late", "l1", "", 100, Map.of());
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(f.json(c, "api/services").get("services").findValuesAsText("name")).containsExactly("late"));
    }

    @Test
    void instancesCarryEveryFieldAndMetadataAsPlainJsonStrings() throws Exception {
        String evil = "<script>alert('x')</script>\"\n</td>";
        f.register("pay", "p1", "z1", 250, Map.of("note", evil, "version", "1.2"));
        Console c = f.console();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(f.json(c, "api/instances?service=pay").get("instances")).hasSize(1));
        HttpResponse<String> r = f.get(c.uri(), "api/instances?service=pay");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'self'");
        JsonNode i = ConsoleFixture.JSON.readTree(r.body()).get("instances").get(0);
        assertThat(i.get("id").asText()).isEqualTo("p1");
        assertThat(i.get("address").asText()).endsWith(":8080");
        assertThat(i.get("zone").asText()).isEqualTo("z1");
        assertThat(i.get("weight").asInt()).isEqualTo(250);
        assertThat(i.get("status").asText()).isEqualTo("UP");
        assertThat(i.get("metadata").get("note").asText()).isEqualTo(evil);
        assertThat(i.get("registeredForMillis").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(i.has("registeredAt")).isTrue();
        assertThat(i.has("lastChange")).isTrue();
        // The raw body holds the newline escaped, so a value cannot break a JSON line or an SSE frame.
        assertThat(r.body()).doesNotContain("\n</td>").contains("\\n</td>");
    }

    @Test
    void unknownServiceAndPathAnswer404AndMissingParameter400() throws Exception {
        Console c = f.console();
        assertThat(f.get(c.uri(), "api/instances?service=nope").statusCode()).isEqualTo(404);
        assertThat(f.get(c.uri(), "api/instances").statusCode()).isEqualTo(400);
        assertThat(f.get(c.uri(), "api/nothing").statusCode()).isEqualTo(404);
        assertThat(f.get(c.uri(), "../etc/passwd").statusCode()).isEqualTo(404);
    }

    @Test
    void balanceSharesFollowTheWeights() throws Exception {
        f.register("bal", "b1", "", 100, Map.of());
        f.register("bal", "b2", "", 300, Map.of());
        Console c = f.console();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(f.json(c, "api/instances?service=bal").get("instances")).hasSize(2));
        JsonNode doc = f.json(c, "api/balance?service=bal&strategy=weighted-round-robin");
        assertThat(doc.get("picks").asInt()).isEqualTo(10_000);
        assertThat(doc.get("strategy").asText()).isEqualTo("weighted-round-robin");
        assertThat(doc.get("strategies").findValuesAsText("x")).isEmpty();
        assertThat(doc.get("strategies").toString()).contains("round-robin", "maglev");
        JsonNode b1 = doc.get("instances").get(0);
        JsonNode b2 = doc.get("instances").get(1);
        assertThat(b1.get("weightShare").asDouble()).isEqualTo(0.25);
        assertThat(b1.get("share").asDouble()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01));
        assertThat(b2.get("share").asDouble()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.01));
        assertThat(b1.get("picks").asInt() + b2.get("picks").asInt()).isEqualTo(10_000);
        assertThat(b1.get("breaker").isNull()).isTrue();

        JsonNode rr = f.json(c, "api/balance?service=bal&strategy=round-robin");
        assertThat(rr.get("instances").get(0).get("share").asDouble()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.get(c.uri(), "api/balance?service=bal&strategy=nope").statusCode()).isEqualTo(400);
    }

    @Test
    void breakerStatesComeFromTheEmbeddingApplication() throws Exception {
        f.register("cb", "c1", "", 100, Map.of());
        Console c = f.console(Console.builder(f.watcher).breakerStates((service, id) ->
                java.util.Optional.of(service + "/" + id + " OPEN")));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(f.json(c, "api/balance?service=cb").get("instances").get(0).get("breaker").asText())
                        .isEqualTo("cb/c1 OPEN"));
    }

    @Test
    void healthReportsBackendConnectionAndCaches() throws Exception {
        f.register("h", "h1", "", 100, Map.of());
        Console c = f.console();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode h = f.json(c, "api/health");
            assertThat(h.get("backend").asText()).isEqualTo("memory");
            assertThat(h.get("endpoints").get("sextant.memory.server").asText()).isEqualTo(f.server);
            assertThat(h.get("connection").asText()).isEqualTo("CONNECTED");
            assertThat(h.get("healthy").asBoolean()).isTrue();
            JsonNode cache = h.get("caches").get(0);
            assertThat(cache.get("service").asText()).isEqualTo("h");
            assertThat(cache.get("instances").asInt()).isEqualTo(1);
            assertThat(cache.get("corruptRecords").asLong()).isZero();
        });
    }

    @Test
    void corruptRecordsAreCountedPerService() throws Exception {
        f.register("h", "h1", "", 100, Map.of());
        Console c = f.console();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(f.json(c, "api/instances?service=h").get("instances")).hasSize(1));
        io.sextant.spi.Backend raw = new io.sextant.memory.MemoryBackendProvider()
                .open(io.sextant.spi.BackendConfig.from(f.config()));
        try {
            raw.putEphemeral("/services/h/junk", "{oops".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(f.json(c, "api/health").get("caches").get(0).get("corruptRecords").asLong()).isEqualTo(1);
                assertThat(f.json(c, "api/services").get("services").get(0).get("corruptRecords").asLong()).isEqualTo(1);
            });
            assertThat(f.json(c, "api/instances?service=h").get("instances")).hasSize(1);
        } finally {
            raw.close();
        }
    }

    @Test
    void pageAndAssetsAreServedWithoutInlineScript() throws Exception {
        Console c = f.console();
        HttpResponse<String> page = f.get(c.uri(), "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"app.js\" defer></script>").doesNotContain("http://", "https://");
        HttpResponse<String> js = f.get(c.uri(), "app.js");
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.body()).contains("textContent").doesNotContain("innerHTML", "insertAdjacentHTML", "eval(");
        assertThat(f.get(c.uri(), "app.css").statusCode()).isEqualTo(200);
    }

    @Test
    void theConsoleIsReadOnly() throws Exception {
        Console c = f.console();
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            HttpResponse<String> r = f.http.send(HttpRequest.newBuilder(c.uri().resolve("api/services"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
    }
}
