package io.sextant.it.etcd;

import io.sextant.testing.EtcdFixture;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.etcd.EtcdBackendIT.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every member killed for longer than the TTL, then restarted: every registration comes back. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EtcdFullOutageIT {
    private static EtcdFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = EtcdFixture.members(3);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void everyRegistrationComesBackAndWatchersConverge() throws Exception {
        SextantConfig cfg = fixture.config().namespace("outage").build();
        try (Backend writer = Backends.open(cfg); Backend reader = Backends.open(cfg)) {
            StateRecorder states = new StateRecorder();
            writer.addListener(states);
            Map<String, String> truth = new TreeMap<>();
            List<EphemeralHandle> handles = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String key = "/services/pay/i-" + i;
                handles.add(writer.putEphemeral(key, b("v0")).get(5, TimeUnit.SECONDS));
                truth.put(key, "v0");
            }
            RecordingWatch watch = new RecordingWatch();
            reader.watch("/services/pay/", watch);
            await().until(() -> watch.view().equals(truth));

            fixture.stopAll();
            await().atMost(Duration.ofSeconds(5)).until(() -> writer.connectionState() == ConnectionState.SUSPENDED);
            // A write during the outage fails, but its value is the one kept.
            CompletableFuture<Void> during = handles.get(1).update(b("during-outage"));
            truth.put("/services/pay/i-1", "during-outage");
            // A deregistration during the outage fails too, but the key must not outlive it.
            CompletableFuture<Void> deleted = handles.get(3).delete();
            truth.remove("/services/pay/i-3");
            // The outage itself, longer than the TTL; the writer must stay without a connection throughout.
            Duration outage = fixture.ttl().multipliedBy(2).plusSeconds(1);
            await().during(outage).atMost(outage.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !writer.connectionState().isConnected());
            assertThat(during).isCompletedExceptionally();
            assertThat(deleted).isCompletedExceptionally();
            fixture.startAll();

            await().atMost(Duration.ofSeconds(20)).until(() -> writer.connectionState() == ConnectionState.RECONNECTED);
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.view().equals(truth));
            assertThat(reader.list("/services/pay/").get(5, TimeUnit.SECONDS)).containsOnlyKeys(truth.keySet());
            assertThat(states.states()).startsWith(ConnectionState.SUSPENDED).endsWith(ConnectionState.RECONNECTED);

            // And the backend keeps working normally afterwards.
            writer.putEphemeral("/services/pay/late", b("late")).get(5, TimeUnit.SECONDS);
            truth.put("/services/pay/late", "late");
            await().until(() -> watch.view().equals(truth));
        }
    }
}
