package io.sextant.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sextant.testing.EtcdCluster;
import io.sextant.testing.ZooKeeperFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * list, watch, register and check as real processes from the built jar, configured by SEXTANT_*
 * variables, against a real ZooKeeper and a real etcd; SIGTERM of register removes the record at once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onZooKeeper() throws Exception {
        try (ZooKeeperFixture zk = ZooKeeperFixture.single()) {
            exercise(Map.of("SEXTANT_BACKEND", "zookeeper", "SEXTANT_ZOOKEEPER_CONNECT", zk.connectString(),
                    "SEXTANT_NAMESPACE", "it-zk", "SEXTANT_TTL", "30s", "SEXTANT_CONNECT_TIMEOUT", "20s"));
        }
    }

    @Test
    void onEtcd() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            exercise(Map.of("SEXTANT_BACKEND", "etcd", "SEXTANT_ETCD_ENDPOINTS", etcd.endpoints(),
                    "SEXTANT_NAMESPACE", "it-etcd", "SEXTANT_TTL", "30s", "SEXTANT_CONNECT_TIMEOUT", "20s"));
        }
    }

    private void exercise(Map<String, String> env) throws Exception {
        Duration max = Duration.ofSeconds(30);
        try (SextantProcess watch = SextantProcess.start(env, "watch", "orders", "--json");
             SextantProcess register = SextantProcess.start(env, "register", "orders", "10.1.2.3:8080", "--id", "it-1",
                     "--zone", "z1", "--weight", "70", "--meta", "team=core")) {
            await().atMost(max).until(() -> watch.err().contains("watching 'orders'") || !watch.isAlive());
            await().atMost(max).until(() -> register.out().contains("holding the registration") || !register.isAlive());
            assertThat(watch.isAlive()).as(watch.err()).isTrue();
            assertThat(register.isAlive()).as(register.err()).isTrue();
            assertThat(register.out()).contains("registered orders/it-1 at 10.1.2.3:8080 zone=z1 weight=70 UP");

            SextantProcess list = SextantProcess.run(max, env, "list", "orders", "--json");
            assertThat(list.exitCode()).as(list.err()).isZero();
            JsonNode instance = JSON.readTree(list.out()).get("instances").get(0);
            assertThat(instance.get("id").asText()).isEqualTo("it-1");
            assertThat(instance.get("weight").asInt()).isEqualTo(70);
            assertThat(instance.get("metadata").get("team").asText()).isEqualTo("core");

            SextantProcess services = SextantProcess.run(max, env, "list");
            assertThat(services.exitCode()).isZero();
            assertThat(services.out()).containsPattern("orders +1 +1 +z1");

            SextantProcess check = SextantProcess.run(max, env, "check");
            assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
            assertThat(check.out()).contains("all checks passed").containsPattern("services +1 registered: orders");

            // "present" when the registration landed before the watch's first read, "added" after it
            awaitOutput(watch, "\"id\":\"it-1\"", max);
            long t0 = System.nanoTime();
            register.terminate();
            assertThat(register.waitFor(max)).as(register.err()).isZero();
            assertThat(register.out()).contains("deregistered orders/it-1 (SIGTERM)");
            // removed by the deregistration, long before the 30 s TTL could expire it
            awaitOutput(watch, "\"removed\"", Duration.ofSeconds(10));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
            SextantProcess after = SextantProcess.run(max, env, "list", "orders", "--json");
            assertThat(JSON.readTree(after.out()).get("instances").size()).isZero();

            watch.terminate();
            assertThat(watch.waitFor(max)).isZero();
            List<String> events = new ArrayList<>();
            for (String line : watch.out().lines().toList()) {
                JsonNode e = JSON.readTree(line);
                events.add(e.get("event").asText() + ":" + e.get("instance").get("id").asText());
            }
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).isIn("added:it-1", "present:it-1");
            assertThat(events.get(1)).isEqualTo("removed:it-1");
        }
    }

    private static void awaitOutput(SextantProcess p, String text, Duration max) {
        try {
            await().atMost(max).until(() -> p.out().contains(text));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no '" + text + "' within " + max + "; stdout:\n" + p.out() + "\nstderr:\n" + p.err(), e);
        }
    }
}
