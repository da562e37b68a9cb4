package io.sextant.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.sextant.Registry;
import io.sextant.SextantConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Behaviour of the {@code sextant} policy itself, where the backend does not matter (the in-memory
 * one): breakers fed by RPC outcomes, load-aware picking from RPC latencies, selection by name, and
 * addresses that come from another resolver. Real gRPC servers over loopback throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SextantPolicyTest {
    private static final Logger log = LoggerFactory.getLogger(SextantPolicyTest.class);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Registry registry;
    private SextantNameResolverProvider provider;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    void open() {
        registry = Registry.open(SextantConfig.builder().backend("memory")
                .set("sextant.memory.server", "grpc-policy-test").build());
        provider = SextantNameResolverProvider.builder().registry(registry).build().register();
    }

    @AfterAll
    void close() {
        provider.deregister();
        registry.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        cleanup.clear();
    }

    private TestServer server(String svc, String name) {
        TestServer s = TestServer.registered(registry, svc, name, 100);
        cleanup.add(s);
        return s;
    }

    private ManagedChannel channel(String svc, String policyJson) {
        ManagedChannel c = Channels.sextant(svc, policyJson);
        cleanup.add(() -> Channels.close(c));
        return c;
    }

    @Test
    void failingCallsOpenTheBreakerAndEjectTheInstance() {
        String svc = "breaker-" + SEQ.incrementAndGet();
        server(svc, "good1");
        server(svc, "good2");
        TestServer bad = server(svc, "bad");
        ManagedChannel ch = channel(svc, "{\"strategy\":\"round-robin\"}");
        Channels.awaitReaching(ch, Set.of("good1", "good2", "bad"), 30);
        bad.greeter.failWith = Status.UNAVAILABLE.withDescription("bad is broken"); // connected, but failing

        // The breaker needs 10 outcomes of "bad" at 50 % failures to open; then "bad" gets no calls.
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            try {
                Channels.counts(ch, 30);
                return true;
            } catch (StatusRuntimeException e) {
                return false;
            }
        });
        int before = bad.calls();
        assertThat(before).isGreaterThanOrEqualTo(10);
        assertThat(Channels.counts(ch, 200)).containsOnlyKeys("good1", "good2");
        assertThat(bad.calls()).isEqualTo(before);
    }

    @Test
    void powerOfTwoChoicesSendsFewerCallsToASlowServer() throws Exception {
        String svc = "p2c-" + SEQ.incrementAndGet();
        server(svc, "fast1");
        server(svc, "fast2");
        TestServer slow = server(svc, "slow");
        slow.greeter.delayMillis = 40;
        ManagedChannel ch = channel(svc, "{\"strategy\":\"p2c-peak-ewma\"}");
        Channels.awaitReaching(ch, Set.of("fast1", "fast2", "slow"), 60);

        Map<String, Integer> counts = new ConcurrentHashMap<>();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(callers.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        counts.merge(Greeter.hello(ch), 1, Integer::sum);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        log.info("[report] p2c-peak-ewma, 8 callers, one server 40 ms slower: {}", counts);
        assertThat(total).isEqualTo(480);
        assertThat(counts.getOrDefault("slow", 0) / (double) total).isLessThan(0.15); // round robin: 1/3
    }

    @Test
    void selectedAsTheDefaultPolicyByName() {
        String svc = "byname-" + SEQ.incrementAndGet();
        server(svc, "a");
        server(svc, "b");
        ManagedChannel ch = NettyChannelBuilder.forTarget("sextant:///" + svc).usePlaintext()
                .defaultLoadBalancingPolicy("sextant").build();
        cleanup.add(() -> Channels.close(ch));
        Channels.awaitReaching(ch, Set.of("a", "b"), 20);
        assertThat(Channels.counts(ch, 100)).containsEntry("a", 50).containsEntry("b", 50);
    }

    @Test
    void balancesAddressesFromAnotherResolver() {
        TestServer plain = TestServer.start("plain");
        cleanup.add(plain);
        ManagedChannel ch = NettyChannelBuilder.forTarget("dns:///127.0.0.1:" + plain.port()).usePlaintext()
                .defaultServiceConfig(Channels.parse("{\"loadBalancingConfig\":[{\"sextant\":{\"strategy\":\"p2c-peak-ewma\"}}]}"))
                .build();
        cleanup.add(() -> Channels.close(ch));
        assertThat(Channels.counts(ch, 20)).containsOnlyKeys("plain");
    }
}
