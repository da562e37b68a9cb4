package io.sextant.it.zookeeper;

import io.sextant.testing.ZooKeeperFixture;

import io.sextant.InstanceSet;
import io.sextant.InstanceSetChange;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import org.apache.curator.test.InstanceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.sextant.it.zookeeper.ZkTestSupport.freshNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ZooKeeper ensemble faults seen through the public API: a writer registry, a reader registry's cache. */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ZooKeeperRegistryFaultIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static ZooKeeperFixture zk;

    @BeforeAll
    static void startEnsemble() throws Exception {
        zk = ZooKeeperFixture.cluster(3);
    }

    @AfterAll
    static void stopEnsemble() throws Exception {
        if (zk != null) {
            zk.close();
        }
    }

    private static SextantConfig config(String namespace) {
        return zk.config().namespace(namespace).supervisorInterval(Duration.ofSeconds(1)).build();
    }

    private static ServiceInstance instance(String id, int port) {
        return ServiceInstance.builder("orders").id(id).host("127.0.0.1").port(port).build();
    }

    private static Set<String> ids(InstanceSet set) {
        return set.instances().stream().map(ServiceInstance::id).collect(Collectors.toSet());
    }

    @Test
    void restartingEveryMemberInTurnLosesNothing() throws Exception {
        // Sessions long enough to ride out leader elections on a loaded machine: none may be lost here.
        SextantConfig config = config(freshNamespace("rolling")).toBuilder().ttl(Duration.ofSeconds(10)).build();
        try (Registry writer = Registry.open(config); Registry reader = Registry.open(config)) {
            ServiceCache cache = reader.cache("orders");
            assertThat(cache.awaitReady(Duration.ofSeconds(20))).isTrue();
            List<InstanceSetChange> history = new CopyOnWriteArrayList<>();
            cache.addListener(history::add);
            for (int i = 0; i < 3; i++) {
                writer.register(instance("o-" + i, 9000 + i));
            }
            await().atMost(WAIT).until(() -> cache.snapshot().size() == 3);
            long writerSession = zk.ownerOf(config, "/services/orders/o-0");
            InstanceSpec writersMember = zk.memberServing(writerSession);

            // The writer's member first, then the others: every client loses its server at some point.
            List<InstanceSpec> order = new ArrayList<>(zk.cluster().getInstances());
            order.remove(writersMember);
            order.add(0, writersMember);
            for (InstanceSpec member : order) {
                zk.cluster().killServer(member);
                zk.awaitServing();
                zk.cluster().restartServer(member);
                zk.awaitServing(member);
            }
            assertThat(zk.ownerOf(config, "/services/orders/o-0")).as("the writer kept its session").isEqualTo(writerSession);

            await().atMost(WAIT).until(() -> !cache.snapshot().isStale() && cache.snapshot().size() == 3);
            assertThat(history).as("no instance removed, never empty: %s", history)
                    .allSatisfy(c -> assertThat(c.removed()).isEmpty())
                    .noneMatch(c -> c.current().isEmpty());
            assertThat(writer.stats().restores()).isZero();
        }
    }

    @Test
    void theEnsembleDownPastTheSessionTimeoutComesBackWithEveryRegistration() throws Exception {
        SextantConfig config = config(freshNamespace("down"));
        try (Registry writer = Registry.open(config); Registry reader = Registry.open(config)) {
            ServiceCache cache = reader.cache("orders");
            assertThat(cache.awaitReady(Duration.ofSeconds(20))).isTrue();
            List<Registration> regs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                regs.add(writer.register(instance("o-" + i, 9100 + i)));
            }
            await().atMost(WAIT).until(() -> cache.snapshot().size() == 3);
            List<InstanceSet> published = new CopyOnWriteArrayList<>();
            cache.addListener(c -> published.add(c.current()));

            zk.stopAll();
            long downSince = System.nanoTime();
            await().atMost(WAIT).until(() -> cache.snapshot().isStale());
            regs.get(1).updateWeight(7).exceptionally(e -> null);
            await().atMost(WAIT).pollDelay(Duration.ofMillis(200))
                    .until(() -> System.nanoTime() - downSince > zk.ttl().plusSeconds(1).toNanos());
            zk.startAll();

            await().atMost(WAIT).untilAsserted(() -> {
                InstanceSet now = cache.snapshot();
                assertThat(ids(now)).containsExactlyInAnyOrder("o-0", "o-1", "o-2");
                assertThat(now.byId("o-1").weight()).isEqualTo(7);
                assertThat(now.isStale()).isFalse();
            });
            assertThat(published).noneMatch(InstanceSet::isEmpty);
            await().atMost(WAIT).until(() -> writer.stats().restores() >= 1);
            regs.get(2).close();
            await().atMost(WAIT).until(() -> ids(cache.snapshot()).equals(Set.of("o-0", "o-1")));
        }
    }
}
