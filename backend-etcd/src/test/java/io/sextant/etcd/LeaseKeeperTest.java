package io.sextant.etcd;

import io.sextant.SextantConfig;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LeaseKeeperTest {
    private final FakeLease lease = new FakeLease();
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<Set<String>> restored = new CopyOnWriteArrayList<>();
    private final AtomicInteger restores = new AtomicInteger();
    private final AtomicInteger repairs = new AtomicInteger();
    private volatile CompletableFuture<Set<String>> restoreResult = CompletableFuture.completedFuture(Set.of("/k"));
    private LeaseKeeper keeper;

    @AfterEach
    void stop() {
        exec.shutdownNow();
    }

    /** A keeper with a 1 s TTL (keep-alive every 333 ms) and no jitter. */
    private void start() throws Exception {
        EtcdSettings settings = EtcdSettings.from(BackendConfig.from(SextantConfig.builder().backend("etcd")
                .set("sextant.etcd.endpoints", "http://127.0.0.1:1").ttl(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(5)).build()));
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
        keeper = new LeaseKeeper(lease, settings, exec, cs, new Seams(System::nanoTime, () -> 0.0), () -> {
            restores.incrementAndGet();
            return restoreResult;
        }, repairs::incrementAndGet);
        keeper.start().get(5, TimeUnit.SECONDS);
    }

    @Test
    void keepsAliveEveryThirdOfTheTtl() throws Exception {
        start();
        long t0 = System.nanoTime();
        await().until(() -> lease.probes.get() >= 6);
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(elapsedMs).isBetween(1500L, 3000L); // 6 at 333 ms intervals
        assertThat(states).isEmpty();
        assertThat(lease.granted).hasSize(1);
    }

    @Test
    void aFailedKeepAliveSuspendsThenProbesWithBackOffUntilTheClusterAnswers() throws Exception {
        start();
        lease.script("unavailable", "unavailable", "unavailable");
        await().until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(states).containsExactly(ConnectionState.SUSPENDED, ConnectionState.RECONNECTED);
        assertThat(lease.granted).hasSize(1);
        assertThat(repairs.get()).isEqualTo(1);
        assertThat(restores.get()).isZero();
    }

    @Test
    void leaseNotFoundOnKeepAliveGrantsANewLeaseAndRestores() throws Exception {
        start();
        long old = keeper.leaseId();
        lease.script("notfound");
        await().until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(states).containsExactly(ConnectionState.LOST, ConnectionState.RECONNECTED);
        assertThat(keeper.leaseId()).isNotEqualTo(old).isEqualTo(lease.granted.get(1));
        assertThat(restored).containsExactly(Set.of("/k"));
        long probes = lease.probes.get();
        await().until(() -> lease.probes.get() > probes + 1); // keep-alives go on with the new lease
    }

    @Test
    void theReplacementLeaseIsKeptAliveWhileItsKeysAreBeingRestored() throws Exception {
        CompletableFuture<Set<String>> slowRestore = new CompletableFuture<>();
        restoreResult = slowRestore;
        start();
        lease.script("notfound");
        await().until(() -> lease.granted.size() == 2);
        long replacement = lease.granted.get(1);
        // The re-puts take longer than the 1 s TTL (each waits behind a write stuck in the outage):
        // the replacement lease must not be left to expire under the keys being restored onto it.
        await().atMost(Duration.ofSeconds(3)).until(() -> lease.keptAlive.contains(replacement));
        slowRestore.complete(Set.of("/k"));
        await().until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(states).containsExactly(ConnectionState.LOST, ConnectionState.RECONNECTED);
        assertThat(lease.granted).hasSize(2);
    }

    @Test
    void probeFindingTheLeaseGoneAfterAnOutageReplacesIt() throws Exception {
        start();
        lease.script("unavailable", "unavailable", "notfound");
        await().until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(states).containsExactly(ConnectionState.SUSPENDED, ConnectionState.LOST, ConnectionState.RECONNECTED);
        assertThat(restores.get()).isEqualTo(1);
    }

    @Test
    void aHungKeepAliveDoesNotHoldBackTheNextOnes() throws Exception {
        start();
        // One keep-alive sent to a member that cannot reach the leader hangs; the next ones, sent on
        // schedule, are answered (by the other members), so the lease never goes unacknowledged.
        lease.script("hang");
        await().atMost(Duration.ofSeconds(3)).until(() -> lease.probes.get() >= 6);
        assertThat(states).isEmpty();
        assertThat(lease.granted).hasSize(1);
    }

    @Test
    void keepAliveUnacknowledgedWithinTheTtlIsASuspectedLoss() throws Exception {
        start();
        lease.script("hang", "hang", "hang");
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(3)).until(() -> states.contains(ConnectionState.SUSPENDED));
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(900L);
        await().until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(lease.granted).hasSize(1);
    }

    @Test
    void aRefusedPutForTheCurrentLeaseTriggersReplacement() throws Exception {
        start();
        keeper.putRefused(keeper.leaseId() + 999); // not ours: ignored
        keeper.putRefused(keeper.leaseId());
        await().until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(lease.granted).hasSize(2);
        assertThat(states).containsExactly(ConnectionState.LOST, ConnectionState.RECONNECTED);
    }

    @Test
    void aReGrantThatThrowsSynchronouslyIsRetriedAndTheBackendRecovers() throws Exception {
        start();
        lease.grantThrows.set(2); // the replacement grant throws twice in the caller's thread, then works
        lease.script("notfound");
        await().atMost(Duration.ofSeconds(10)).until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(states).containsExactly(ConnectionState.LOST, ConnectionState.RECONNECTED);
        assertThat(lease.grantCalls.get()).isEqualTo(4); // start, two failures, the replacement
        assertThat(keeper.leaseId()).isEqualTo(lease.granted.get(1));
        assertThat(restored).containsExactly(Set.of("/k"));
        long probes = lease.probes.get();
        await().until(() -> lease.probes.get() > probes + 1); // kept alive again
    }

    @Test
    void aRefusedPutWhileAThrowingReGrantIsRetriedDoesNotStartASecondRecovery() throws Exception {
        start();
        lease.grantThrows.set(1);
        keeper.putRefused(keeper.leaseId());
        await().atMost(Duration.ofSeconds(10)).until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(lease.granted).hasSize(2);
        assertThat(states).containsExactly(ConnectionState.LOST, ConnectionState.RECONNECTED);
    }
}
