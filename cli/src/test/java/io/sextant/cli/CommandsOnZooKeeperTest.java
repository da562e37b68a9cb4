package io.sextant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.testing.ZooKeeperFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** list, watch, register and check in-process against a real ZooKeeper (sextant-testing's ZooKeeperFixture). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CommandsOnZooKeeperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
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
                "SEXTANT_NAMESPACE", "cli-test-" + NAMESPACES.incrementAndGet(), "SEXTANT_TTL", "4s");
    }

    @Test
    void registerHoldsTheRecordUntilStoppedAndListShowsIt() throws Exception {
        Map<String, String> env = env();
        Cli register = new Cli(env);
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> register.execute("register", "orders",
                "10.0.0.5:8080", "--id", "o-1", "--zone", "eu-1a", "--weight", "150", "--meta", "version=1.2"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Cli.run(env, "list", "orders").out().contains("o-1"));

        Cli table = Cli.run(env, "list", "orders");
        assertThat(table.code).isZero();
        String row = table.out().lines().filter(l -> l.startsWith("o-1")).findFirst().orElseThrow();
        assertThat(row.split("\\s+")).containsSubsequence("o-1", "10.0.0.5:8080", "eu-1a", "150", "UP");
        assertThat(row).endsWith("version=1.2");
        assertThat(table.out().lines().findFirst().orElseThrow()).contains("ID", "ADDRESS", "ZONE", "WEIGHT", "STATUS", "AGE",
                "METADATA");

        JsonNode doc = JSON.readTree(Cli.run(env, "list", "orders", "--json").out());
        assertThat(doc.get("service").asText()).isEqualTo("orders");
        JsonNode i = doc.get("instances").get(0);
        assertThat(i.get("id").asText()).isEqualTo("o-1");
        assertThat(i.get("host").asText()).isEqualTo("10.0.0.5");
        assertThat(i.get("port").asInt()).isEqualTo(8080);
        assertThat(i.get("zone").asText()).isEqualTo("eu-1a");
        assertThat(i.get("weight").asInt()).isEqualTo(150);
        assertThat(i.get("status").asText()).isEqualTo("UP");
        assertThat(i.get("metadata").get("version").asText()).isEqualTo("1.2");
        assertThat(i.has("registeredAt")).isTrue();
        assertThat(i.get("ageSeconds").asLong()).isGreaterThanOrEqualTo(0);

        JsonNode services = JSON.readTree(Cli.run(env, "list", "--json").out());
        assertThat(services.get("services").get(0).get("name").asText()).isEqualTo("orders");
        assertThat(services.get("services").get(0).get("instances").asInt()).isEqualTo(1);
        assertThat(Cli.run(env, "list").out()).contains("orders");

        register.stop.countDown();
        assertThat(code.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(register.out()).contains("registered orders/o-1 at 10.0.0.5:8080", "deregistered orders/o-1");
        // deregistered at once, not after the TTL
        assertThat(Cli.run(env, "list", "orders").out()).contains("no instances of 'orders'");
    }

    @Test
    void watchPrintsEachChangeWithTheFieldsThatChanged() throws Exception {
        Map<String, String> env = env();
        Cli json = new Cli(env);
        Cli text = new Cli(env);
        CompletableFuture<Integer> jsonCode = CompletableFuture.supplyAsync(() -> json.execute("watch", "payments", "--json"));
        CompletableFuture<Integer> textCode = CompletableFuture.supplyAsync(() -> text.execute("watch", "payments"));
        await().atMost(Duration.ofSeconds(20)).until(() -> text.err().contains("watching 'payments'"));
        await().atMost(Duration.ofSeconds(20)).until(() -> json.err().contains("watching 'payments'"));

        SextantConfig config = SextantConfig.fromEnvironment(env);
        try (Registry registry = Registry.open(config)) {
            Registration r = registry.register(ServiceInstance.builder("payments").id("p-1").host("10.0.0.7").port(9000)
                    .zone("eu-1b").build());
            await().atMost(Duration.ofSeconds(10)).until(() -> json.out().contains("\"added\""));
            r.updateWeight(50).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> json.out().contains("\"updated\""));
            r.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> json.out().contains("\"removed\"")
                    && text.out().contains("removed"));
        }
        json.stop.countDown();
        text.stop.countDown();
        assertThat(jsonCode.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(textCode.get(20, TimeUnit.SECONDS)).isZero();

        List<JsonNode> events = new ArrayList<>();
        for (String line : json.out().lines().toList()) {
            events.add(JSON.readTree(line));
        }
        assertThat(events).extracting(e -> e.get("event").asText()).containsExactly("added", "updated", "removed");
        assertThat(events.get(0).get("instance").get("address").asText()).isEqualTo("10.0.0.7:9000");
        JsonNode changed = events.get(1).get("changed");
        assertThat(changed.get("weight").get("old").asInt()).isEqualTo(100);
        assertThat(changed.get("weight").get("new").asInt()).isEqualTo(50);
        assertThat(changed.size()).isEqualTo(1);

        assertThat(text.out()).containsPattern("\\+ added +p-1 +10\\.0\\.0\\.7:9000 zone=eu-1b weight=100 UP")
                .containsPattern("~ updated +p-1 +weight 100 -> 50")
                .containsPattern("- removed +p-1");
    }

    @Test
    void watchListsWhatIsThereAtStart() throws Exception {
        Map<String, String> env = env();
        try (Registry registry = Registry.open(SextantConfig.fromEnvironment(env))) {
            registry.register(ServiceInstance.builder("stock").id("s-1").host("10.0.0.9").port(7000).build());
            Cli watch = Cli.run(env, "watch", "stock", "--json", "--duration", "500ms");
            assertThat(watch.code).isZero();
            JsonNode first = JSON.readTree(watch.out().lines().findFirst().orElseThrow());
            assertThat(first.get("event").asText()).isEqualTo("present");
            assertThat(first.get("instance").get("id").asText()).isEqualTo("s-1");
        }
    }

    @Test
    void checkReportsEveryStep() {
        Cli c = Cli.run(env(), "check");
        assertThat(c.code).as(c.out() + c.err()).isZero();
        assertThat(c.out()).contains("checking zookeeper")
                .containsPattern("endpoint +127\\.0\\.0\\.1:\\d+ reachable")
                .containsPattern("connect +connected in \\d+ ms, no credentials configured")
                .containsPattern("write +wrote and deleted sextant-check/check-")
                .containsPattern("watch +delivered the write [0-9.]+ ms after it completed, the delete [0-9.]+ ms after it began")
                .contains("all checks passed");
    }

    @Test
    void checkFailsWhenNothingIsReachable() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli c = Cli.run(Map.of(), "check", "--backend", "zookeeper", "--endpoints", "127.0.0.1:" + port,
                "--connect-timeout", "1s");
        assertThat(c.code).isEqualTo(1);
        assertThat(c.out()).contains("127.0.0.1:" + port + " not reachable", "check failed: no endpoint is reachable");
    }

    @Test
    void watchReportsTheConnectionGoingAndComingBack() throws Exception {
        try (ZooKeeperFixture own = ZooKeeperFixture.single()) {
            Map<String, String> env = Map.of("SEXTANT_BACKEND", "zookeeper", "SEXTANT_ZOOKEEPER_CONNECT",
                    own.connectString(), "SEXTANT_TTL", "4s");
            Cli watch = new Cli(env);
            CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> watch.execute("watch", "orders"));
            await().atMost(Duration.ofSeconds(20)).until(() -> watch.err().contains("watching 'orders'"));
            own.stopAll();
            await().atMost(Duration.ofSeconds(20)).until(() -> watch.out().contains("! connection SUSPENDED"));
            own.startAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> watch.out().contains("! connection RECONNECTED"));
            watch.stop.countDown();
            assertThat(code.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(watch.out()).containsPattern("! connection SUSPENDED \\(was (CONNECTED|RECONNECTED)\\)")
                    .contains("! stale    backend unreachable");
        }
    }
}
