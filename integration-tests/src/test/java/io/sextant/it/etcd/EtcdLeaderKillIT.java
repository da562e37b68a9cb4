package io.sextant.it.etcd;

import io.sextant.testing.EtcdFixture;
import io.sextant.testing.EtcdMember;

import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
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
import java.util.concurrent.TimeUnit;

import static io.sextant.it.etcd.EtcdBackendIT.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** kill -9 of the leader of a 3-member cluster: no registration lost, no removal seen by watchers. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EtcdLeaderKillIT {
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
    void leaderKillLosesNoRegistrationAndShowsNoRemoval() throws Exception {
        SextantConfig cfg = fixture.config().namespace("leaderkill").build();
        try (Backend writer = Backends.open(cfg); Backend reader = Backends.open(cfg)) {
            Map<String, String> truth = new TreeMap<>();
            List<EphemeralHandle> handles = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String key = "/services/orders/i-" + i;
                handles.add(writer.putEphemeral(key, b("v0")).get(5, TimeUnit.SECONDS));
                truth.put(key, "v0");
            }
            RecordingWatch watch = new RecordingWatch();
            reader.watch("/services/orders/", watch);
            await().until(() -> watch.view().equals(truth));

            EtcdMember leader = fixture.cluster().leader();
            leader.kill();

            // Writes work again once a new leader is elected.
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                handles.get(0).update(b("after-kill")).get(3, TimeUnit.SECONDS);
                return true;
            });
            truth.put("/services/orders/i-0", "after-kill");
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.view().equals(truth));

            // Stay well past the TTL: keep-alive must have carried on through the election.
            Duration hold = fixture.ttl().multipliedBy(3);
            await().during(hold).atMost(hold.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(watch.of("DELETE")).as("removals seen by the watcher").isEmpty());
            assertThat(reader.list("/services/orders/").get(5, TimeUnit.SECONDS)).containsOnlyKeys(truth.keySet());
            assertThat(watch.of("DELETE")).isEmpty();
            assertThat(watch.view()).isEqualTo(truth);

            leader.start();
            fixture.cluster().awaitHealthy();
        }
    }
}
