package io.sextant.it.etcd;

import io.sextant.testing.EtcdCluster;
import io.sextant.testing.EtcdFixture;
import io.sextant.testing.EtcdMember;
import io.sextant.testing.TcpProxy;

import io.sextant.InstanceSet;
import io.sextant.InstanceSetChange;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The etcd faults seen through the Registry and its caches, on a 3-member cluster. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EtcdRegistryFaultsIT {
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

    private static SextantConfig config(String namespace) {
        return fixture.config().namespace(namespace).supervisorInterval(Duration.ofSeconds(1)).build();
    }

    private static ServiceInstance instance(String service, String id) {
        return ServiceInstance.builder(service).id(id).host("127.0.0.1").port(9000).build();
    }

    private static Set<String> ids(InstanceSet set) {
        return set.instances().stream().map(ServiceInstance::id).collect(Collectors.toSet());
    }

    @Test
    void leaderKillRemovesNothingFromAnyCache() throws Exception {
        try (Registry writer = Registry.open(config("reg-leader")); Registry reader = Registry.open(config("reg-leader"))) {
            List<Registration> regs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                regs.add(writer.register(instance("orders", "o-" + i)));
            }
            ServiceCache cache = reader.cache("orders");
            assertThat(cache.awaitReady(Duration.ofSeconds(20))).isTrue();
            await().until(() -> cache.snapshot().size() == 5);
            List<InstanceSetChange> changes = new CopyOnWriteArrayList<>();
            cache.addListener(changes::add);

            EtcdMember leader = fixture.cluster().leader();
            leader.kill();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                regs.get(0).updateWeight(42).get(3, TimeUnit.SECONDS);
                return true;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> cache.snapshot().byId("o-0").weight() == 42);
            Duration hold = fixture.ttl().multipliedBy(3);
            await().during(hold).atMost(hold.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(changes).as("cache changes after the leader kill")
                            .allMatch(c -> c.removed().isEmpty()));
            assertThat(ids(cache.snapshot())).containsExactlyInAnyOrder("o-0", "o-1", "o-2", "o-3", "o-4");
            assertThat(changes).allMatch(c -> c.removed().isEmpty());
            leader.start();
            fixture.cluster().awaitHealthy();
        }
    }

    @Test
    void fullOutageLongerThanTheTtlEndsWithEveryRegistrationBack() throws Exception {
        try (Registry writer = Registry.open(config("reg-outage")); Registry reader = Registry.open(config("reg-outage"))) {
            List<Registration> regs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                regs.add(writer.register(instance("pay", "p-" + i)));
            }
            ServiceCache cache = reader.cache("pay");
            assertThat(cache.awaitReady(Duration.ofSeconds(20))).isTrue();
            await().until(() -> cache.snapshot().size() == 4);
            List<InstanceSet> published = new CopyOnWriteArrayList<>();
            cache.addListener(c -> published.add(c.current()));

            fixture.stopAll();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> cache.snapshot().isStale());
                regs.get(2).close(); // deregistered while the cluster is down: must be gone afterwards
                // The outage itself, longer than the TTL: the cache keeps serving its stale set throughout.
                Duration outage = fixture.ttl().multipliedBy(2).plusSeconds(1);
                await().during(outage).atMost(outage.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> cache.snapshot().isStale() && cache.snapshot().size() == 4);
            } finally {
                fixture.startAll();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                InstanceSet now = cache.snapshot();
                assertThat(ids(now)).containsExactlyInAnyOrder("p-0", "p-1", "p-3");
                assertThat(now.isStale()).isFalse();
            });
            assertThat(published).noneMatch(InstanceSet::isEmpty);
        }
    }

    @Test
    void compactionPastADisconnectedReaderEndsWithTheRightSet() throws Exception {
        SextantConfig direct = config("reg-compact");
        EtcdMember member = fixture.cluster().members().get(0);
        int port = Integer.parseInt(member.clientUrl().substring(member.clientUrl().lastIndexOf(':') + 1));
        try (TcpProxy proxy = new TcpProxy(port);
             Registry writer = Registry.open(direct);
             Registry reader = Registry.open(direct.toBuilder().set("sextant.etcd.endpoints", proxy.url()).build());
             io.etcd.jetcd.Client admin = fixture.adminClient()) {
            Registration a = writer.register(instance("inv", "a"));
            Registration b = writer.register(instance("inv", "b"));
            ServiceCache cache = reader.cache("inv");
            assertThat(cache.awaitReady(Duration.ofSeconds(20))).isTrue();
            await().until(() -> cache.snapshot().size() == 2);

            proxy.cut();
            b.close();
            writer.register(instance("inv", "c"));
            a.updateWeight(11).get(5, TimeUnit.SECONDS);
            long revision = admin.getKVClient().get(EtcdCluster.bytes("/")).get(5, TimeUnit.SECONDS).getHeader().getRevision();
            admin.getKVClient().compact(revision).get(5, TimeUnit.SECONDS);
            proxy.restore();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                InstanceSet now = cache.snapshot();
                assertThat(ids(now)).containsExactlyInAnyOrder("a", "c");
                assertThat(now.byId("a").weight()).isEqualTo(11);
            });
        }
    }
}
