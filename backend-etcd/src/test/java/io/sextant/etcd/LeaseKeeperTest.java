package io.sextant.etcd;

import io.sextant.SextantConfig;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LeaseKeeperTest {
    private final FakeLease lease = new FakeLease();
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong clock = new AtomicLong();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<Set<String>> restored = new CopyOnWriteArrayList<>();
    private final AtomicInteger restores = new AtomicInteger();
    private final AtomicInteger repairs = new AtomicInteger();
    private LeaseKeeper keeper;

    @AfterEach
    void stop() {
        exec.shutdownNow();
    }

    private void start(Duration ttl) throws Exception {
        EtcdSettings settings = EtcdSettings.from(BackendConfig.from(SextantConfig.builder().backend("etcd")
                .set("sextant.etcd.endpoints", "http://127.0.0.1:1").ttl(ttl).requestTimeout(Duration.ofSeconds(1))
                .build()));
        ConnectionStates cs = new ConnectionStates("test", Runnable::run);
        cs.add(new BackendListener() {
            @Override
            public void onConnectionStateChanged(ConnectionState previous, ConnectionState current) {
                states.add(current);
            }

            @Override
            public void onEphemeralsRestored(Set<String> keys) {
                restored.add(keys);
            }
        });
        keeper = new LeaseKeeper(lease, settings, exec, cs, new Seams(clock::get, () -> 0.0), () -> {
            restores.incrementAndGet();
            return CompletableFuture.completedFuture(Set.of("/k"));
        }, repairs::incrementAndGet);
        keeper.start().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aQuietlyEndedStreamIsDetectedAndRestartedOnTheSameLease() throws Exception {
        start(Duration.ofSeconds(30));
        long id = keeper.leaseId();
        lease.lastStream().onCompleted();
        await().until(() -> lease.streams.size() == 2);
        assertThat(states).containsExactly(ConnectionState.SUSPENDED, ConnectionState.RECONNECTED);
        assertThat(keeper.leaseId()).isEqualTo(id);
        assertThat(lease.closedStreams.get()).isEqualTo(1);
        assertThat(restores.get()).isZero();
        assertThat(repairs.get()).isEqualTo(1);
    }

    @Test
    void streamErrorsAreProbedWithBackOffUntilTheClusterAnswers() throws Exception {
        start(Duration.ofSeconds(30));
        lease.probeAnswers.addAll(List.of("unavailable", "unavailable", "unavailable"));
        lease.lastStream().onError(Status.UNAVAILABLE.asRuntimeException());
        await().until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(lease.probes.get()).isEqualTo(4);
        assertThat(states).containsExactly(ConnectionState.SUSPENDED, ConnectionState.RECONNECTED);
        assertThat(lease.granted).hasSize(1);
    }

    @Test
    void leaseNotFoundOnKeepAliveGrantsANewLeaseAndRestores() throws Exception {
        start(Duration.ofSeconds(30));
        long old = keeper.leaseId();
        lease.lastStream().onError(new RuntimeException("etcdserver: requested lease not found"));
        await().until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(states).containsExactly(ConnectionState.LOST, ConnectionState.RECONNECTED);
        assertThat(keeper.leaseId()).isNotEqualTo(old).isEqualTo(lease.granted.get(1));
        assertThat(restored).containsExactly(Set.of("/k"));
        assertThat(lease.streams).hasSize(2);
    }

    @Test
    void probeFindingTheLeaseGoneAfterAnOutageReplacesIt() throws Exception {
        start(Duration.ofSeconds(30));
        lease.probeAnswers.addAll(List.of("unavailable", "notfound"));
        lease.lastStream().onError(Status.UNAVAILABLE.asRuntimeException());
        await().until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(states).containsExactly(ConnectionState.SUSPENDED, ConnectionState.LOST, ConnectionState.RECONNECTED);
        assertThat(restores.get()).isEqualTo(1);
    }

    @Test
    void keepAliveUnacknowledgedForTheTtlIsASuspectedLoss() throws Exception {
        start(Duration.ofSeconds(1));
        clock.addAndGet(Duration.ofMillis(500).toNanos());
        lease.lastStream().onNext(FakeLease.response(keeper.leaseId())); // acknowledged at 0.5 s
        exec.submit(() -> { }).get();
        clock.addAndGet(Duration.ofMillis(900).toNanos());
        Thread.sleep(500); // two watchdog periods without reaching the TTL: nothing happens
        assertThat(states).isEmpty();
        clock.addAndGet(Duration.ofMillis(700).toNanos()); // 1.6 s after the last acknowledgement
        await().atMost(Duration.ofSeconds(2)).until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(states).containsExactly(ConnectionState.SUSPENDED, ConnectionState.RECONNECTED);
        assertThat(lease.streams).hasSize(2);
    }

    @Test
    void aRefusedPutForTheCurrentLeaseTriggersReplacement() throws Exception {
        start(Duration.ofSeconds(30));
        keeper.putRefused(keeper.leaseId() + 999); // not ours: ignored
        keeper.putRefused(keeper.leaseId());
        await().until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(lease.granted).hasSize(2);
    }
}
