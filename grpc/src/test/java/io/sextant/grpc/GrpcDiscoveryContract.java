package io.sextant.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.sextant.InstanceStatus;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.testing.BackendFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What a gRPC-java user of {@code sextant:///} sees, on real gRPC servers over loopback registered
 * through a real backend (subclasses: ZooKeeper, etcd). Servers register through one registry, the
 * channel resolves through another, so every change travels through the backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class GrpcDiscoveryContract {
    private static final Logger log = LoggerFactory.getLogger(GrpcDiscoveryContract.class);
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String RR = "{\"strategy\":\"round-robin\"}";

    Registry servers;
    Registry clients;
    SextantNameResolverProvider provider;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    BackendFixture fixture;

    /** Starts the backend for this class (skipping the class when it cannot run here). */
    abstract BackendFixture startFixture() throws Exception;

    @BeforeAll
    void openRegistries() throws Exception {
        fixture = startFixture();
        servers = Registry.open(fixture.config().build());
        clients = Registry.open(fixture.config().build());
        provider = SextantNameResolverProvider.builder().registry(clients).build().register();
    }

    @AfterAll
    void closeRegistries() throws Exception {
        try {
            if (provider != null) {
                provider.deregister();
                clients.close();
                servers.close();
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        cleanup.clear();
    }

    String newService() {
        return "greeter-" + SEQ.incrementAndGet();
    }

    TestServer server(String service, String name, int weight) {
        TestServer s = TestServer.registered(servers, service, name, weight);
        cleanup.add(s);
        return s;
    }

    /** A cache handle of the client registry, closed after the test. */
    ServiceCache cache(String service) {
        ServiceCache c = clients.cache(service);
        cleanup.add(c);
        return c;
    }

    ManagedChannel channel(String service, String policyJson) {
        ManagedChannel c = Channels.sextant(service, policyJson);
        cleanup.add(() -> Channels.close(c));
        return c;
    }

    @Test
    void reachesAllThreeServersInTurn() {
        String svc = newService();
        server(svc, "a", 100);
        server(svc, "b", 100);
        server(svc, "c", 100);
        ManagedChannel ch = channel(svc, RR);
        Channels.awaitReaching(ch, Set.of("a", "b", "c"), 30);

        assertThat(Channels.counts(ch, 300)).containsOnlyKeys("a", "b", "c")
                .allSatisfy((name, n) -> assertThat(n).isBetween(95, 105));
    }

    @Test
    void aNewServerReceivesCallsWithoutANewChannel() {
        String svc = newService();
        server(svc, "a", 100);
        server(svc, "b", 100);
        server(svc, "c", 100);
        ManagedChannel ch = channel(svc, RR);
        Channels.awaitReaching(ch, Set.of("a", "b", "c"), 30);

        TestServer d = server(svc, "d", 100);
        Channels.awaitReaching(ch, Set.of("a", "b", "c", "d"), 40);
        assertThat(d.calls()).isPositive();
    }

    @Test
    void aKilledServerThatStaysRegisteredStopsReceivingCalls() throws Exception {
        String svc = newService();
        TestServer a = server(svc, "a", 100);
        TestServer b = server(svc, "b", 100);
        TestServer c = server(svc, "c", 100);
        for (TestServer s : List.of(a, b, c)) {
            s.greeter.delayMillis = 5; // so that calls are in flight on b when it dies
        }
        ManagedChannel ch = channel(svc, RR);
        Channels.awaitReaching(ch, Set.of("a", "b", "c"), 30);

        // Four callers keep calling; b is killed mid-stream without deregistering.
        Queue<String> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger afterKill = new AtomicInteger(-1);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                callers.execute(() -> {
                    while (!stop.get()) {
                        String outcome;
                        try {
                            outcome = Greeter.hello(ch);
                        } catch (StatusRuntimeException e) {
                            outcome = "failed:" + e.getStatus().getCode();
                        }
                        outcomes.add(outcome);
                        if (afterKill.get() >= 0) {
                            afterKill.incrementAndGet();
                        }
                    }
                });
            }
            await().atMost(20, TimeUnit.SECONDS).until(() -> outcomes.size() >= 200);
            b.kill(); // the record stays: the registry's session or lease is alive
            int atKill = outcomes.size();
            afterKill.set(0);
            await().atMost(20, TimeUnit.SECONDS).until(() -> afterKill.get() >= 400);
            stop.set(true);
            callers.shutdown();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            List<String> all = new ArrayList<>(outcomes);
            List<String> after = all.subList(atKill, all.size());
            long failed = after.stream().filter(o -> o.startsWith("failed")).count();
            log.info("[report] {}: server killed without deregistering, 4 callers: {} of {} RPCs after the kill failed {}",
                    backend(), failed, after.size(), after.stream().filter(o -> o.startsWith("failed")).distinct().toList());
            assertThat(cache(svc).snapshot().byId("b")).as("still registered").isNotNull();
            assertThat(after).doesNotContain("b");
            assertThat(after.stream().filter(o -> o.startsWith("failed")))
                    .allMatch(o -> o.equals("failed:UNAVAILABLE") || o.equals("failed:CANCELLED")); // in flight on b
            assertThat(all.subList(all.size() - 200, all.size())).containsOnly("a", "c");
            assertThat(failed).as("RPCs failed after the kill").isLessThanOrEqualTo(20);
        } finally {
            stop.set(true);
            callers.shutdownNow();
        }
    }

    @Test
    void aDrainingServerGetsNoNewCalls() {
        String svc = newService();
        TestServer a = server(svc, "a", 100);
        server(svc, "b", 100);
        server(svc, "c", 100);
        ManagedChannel ch = channel(svc, RR);
        Channels.awaitReaching(ch, Set.of("a", "b", "c"), 30);

        a.registration.updateStatus(InstanceStatus.DRAINING).join();
        Channels.awaitReaching(ch, Set.of("b", "c"), 30);
        int before = a.calls();
        assertThat(Channels.counts(ch, 200)).containsOnlyKeys("b", "c");
        assertThat(a.calls()).isEqualTo(before);

        a.registration.updateStatus(InstanceStatus.UP).join();
        Channels.awaitReaching(ch, Set.of("a", "b", "c"), 30);
    }

    @Test
    void weightsOneTwoThreeGiveSharesWithinAFewPercent() {
        String svc = newService();
        server(svc, "w1", 100);
        server(svc, "w2", 200);
        server(svc, "w3", 300);
        ManagedChannel ch = channel(svc, "{\"strategy\":\"weighted-round-robin\"}");
        Channels.awaitReaching(ch, Set.of("w1", "w2", "w3"), 60);

        int n = 1200;
        Map<String, Integer> counts = Channels.counts(ch, n);
        log.info("[report] {}: weights 1/2/3 over {} calls: {}", backend(), n, counts);
        assertThat(counts.get("w1") / (double) n).isCloseTo(1 / 6.0, org.assertj.core.data.Offset.offset(0.03));
        assertThat(counts.get("w2") / (double) n).isCloseTo(2 / 6.0, org.assertj.core.data.Offset.offset(0.03));
        assertThat(counts.get("w3") / (double) n).isCloseTo(3 / 6.0, org.assertj.core.data.Offset.offset(0.03));
    }

    @Test
    void theSameHeaderValueLandsOnTheSameServerAndAJoinMovesAboutAQuarterOfKeys() {
        String svc = newService();
        server(svc, "h1", 100);
        server(svc, "h2", 100);
        server(svc, "h3", 100);
        ManagedChannel ch = channel(svc, "{\"strategy\":\"maglev\",\"hashHeader\":\"x-user-id\"}");
        Channels.awaitReaching(ch, Set.of("h1", "h2", "h3"), 30); // calls without the header pick at random

        int keys = 300;
        Map<String, String> before = new HashMap<>();
        for (int k = 0; k < keys; k++) {
            before.put("user-" + k, Greeter.hello(ch, "x-user-id", "user-" + k));
        }
        for (int k = 0; k < keys; k++) {
            assertThat(Greeter.hello(ch, "x-user-id", "user-" + k)).isEqualTo(before.get("user-" + k));
        }
        assertThat(new java.util.HashSet<>(before.values())).containsExactlyInAnyOrder("h1", "h2", "h3");

        server(svc, "h4", 100);
        Channels.awaitReaching(ch, Set.of("h1", "h2", "h3", "h4"), 60);
        int moved = 0;
        int movedElsewhere = 0;
        for (int k = 0; k < keys; k++) {
            String now = Greeter.hello(ch, "x-user-id", "user-" + k);
            if (!now.equals(before.get("user-" + k))) {
                moved++;
                if (!now.equals("h4")) {
                    movedElsewhere++;
                }
            }
        }
        log.info("[report] {}: maglev on x-user-id, 3 -> 4 servers: {} of {} keys moved ({} not to the new one)",
                backend(), moved, keys, movedElsewhere);
        assertThat(moved / (double) keys).isBetween(0.15, 0.40);
        assertThat(movedElsewhere / (double) keys).isLessThan(0.05);
    }

    @Test
    void anUnknownServiceFailsCallsWithUnavailableNamingIt() {
        String svc = "nosuch-" + SEQ.incrementAndGet();
        ManagedChannel ch = channel(svc, RR);

        assertThatThrownBy(() -> Greeter.hello(ch))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).contains("'" + svc + "'");
                });
    }

    @Test
    void callsFailWithUnavailableOnceTheLastServerDeregisters() {
        String svc = newService();
        TestServer a = server(svc, "a", 100);
        ManagedChannel ch = channel(svc, RR);
        Channels.awaitReaching(ch, Set.of("a"), 5);

        a.registration.close(); // the server itself keeps running
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThatThrownBy(() -> Greeter.hello(ch))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription()).contains("'" + svc + "'");
                    assertThat(e.getStatus().getCause()).isInstanceOf(NoInstanceAvailableException.class);
                }));
        int before = a.calls();
        assertThatThrownBy(() -> Greeter.hello(ch)).isInstanceOf(StatusRuntimeException.class);
        assertThat(a.calls()).isEqualTo(before);
    }

    @Test
    void aRegisteredServerFollowsItsHealthAndDrainsThenDeregistersOnShutdown() throws Exception {
        String svc = newService();
        server(svc, "other", 100);
        Greeter greeter = new Greeter("own");
        HealthStatusManager health = new HealthStatusManager();
        Server grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(greeter.definition()).addService(health.getHealthService()).build().start();
        SextantServer registered = SextantServer.builder(servers, svc).id("own").host("127.0.0.1")
                .drainDelay(Duration.ofMillis(200)).health(health).register(grpc);
        cleanup.add(() -> {
            registered.shutdown();
            grpc.shutdownNow();
        });
        assertThat(registered.instance().port()).isEqualTo(grpc.getPort());
        ServiceCache cache = cache(svc);
        ManagedChannel ch = channel(svc, RR);
        Channels.awaitReaching(ch, Set.of("own", "other"), 20);

        health.setStatus("", ServingStatus.NOT_SERVING);
        await().atMost(10, TimeUnit.SECONDS).until(() -> status(cache, "own") == InstanceStatus.DRAINING);
        Channels.awaitReaching(ch, Set.of("other"), 20);

        health.setStatus("", ServingStatus.SERVING);
        await().atMost(10, TimeUnit.SECONDS).until(() -> status(cache, "own") == InstanceStatus.UP);
        Channels.awaitReaching(ch, Set.of("own", "other"), 20);

        List<InstanceStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        cache.addListener(change -> {
            ServiceInstance own = change.current().byId("own");
            seen.add(own == null ? null : own.status());
        });
        registered.shutdown();
        assertThat(grpc.isTerminated()).isTrue();
        // the listener runs just after the set is swapped in: wait for it, not for the set
        await().atMost(10, TimeUnit.SECONDS).until(() -> seen.contains(null));
        log.info("[report] {}: statuses seen by a client during shutdown: {}", backend(), seen);
        assertThat(seen).containsSubsequence(InstanceStatus.DRAINING, null);
        assertThat(Channels.counts(ch, 20)).containsOnlyKeys("other");
    }

    private static InstanceStatus status(ServiceCache cache, String id) {
        ServiceInstance i = cache.snapshot().byId(id);
        return i == null ? null : i.status();
    }

    String backend() {
        return servers.config().backend();
    }
}
