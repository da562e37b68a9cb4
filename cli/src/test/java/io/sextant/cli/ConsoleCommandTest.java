package io.sextant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sextant.Registry;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.testing.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code sextant console} in-process against a real ZooKeeper: prints its URL, serves the store, stops on signal. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleCommandTest {
    private static final Pattern URL = Pattern.compile("(http://\\S+)");
    private static ZooKeeperFixture zk;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zk = ZooKeeperFixture.single();
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zk.close();
    }

    private static Map<String, String> env() {
        return Map.of("SEXTANT_BACKEND", "zookeeper", "SEXTANT_ZOOKEEPER_CONNECT", zk.connectString(),
                "SEXTANT_NAMESPACE", "console-test", "SEXTANT_CONSOLE_TOKEN", "tok-12345");
    }

    @Test
    void servesTheConfiguredRegistryAtThePrintedUrlUntilStopped() throws Exception {
        Map<String, String> env = env();
        try (Registry registry = Registry.open(SextantConfig.fromEnvironment(env))) {
            registry.register(ServiceInstance.builder("orders").id("o-1").host("10.0.0.5").port(8080).build());
            Cli console = new Cli(env);
            CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> console.execute("console", "--port", "0"));
            await().atMost(Duration.ofSeconds(20)).until(() -> URL.matcher(console.out()).find());
            Matcher m = URL.matcher(console.out());
            assertThat(m.find()).isTrue();
            URI uri = URI.create(m.group(1));
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(uri.getQuery()).isEqualTo("token=tok-12345");
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri.resolve("/api/instances?service=orders&token=tok-12345"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode doc = new ObjectMapper().readTree(r.body());
                assertThat(doc.get("instances").get(0).get("id").asText()).isEqualTo("o-1");
            });
            assertThat(http.send(HttpRequest.newBuilder(uri.resolve("/api/services")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            console.stop.countDown();
            assertThat(code.get(20, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void anotherAddressWithoutATokenIsAUsageError() {
        Map<String, String> env = Map.of("SEXTANT_BACKEND", "zookeeper", "SEXTANT_ZOOKEEPER_CONNECT", zk.connectString());
        Cli c = Cli.run(env, "console", "--bind", "0.0.0.0", "--port", "0");
        assertThat(c.code).isEqualTo(2);
        assertThat(c.err()).contains("requires --token");
    }
}
