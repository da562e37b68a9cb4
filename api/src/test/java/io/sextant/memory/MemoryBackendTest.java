package io.sextant.memory;

import io.sextant.BackendUnavailableException;
import io.sextant.SextantConfig;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.EphemeralHandle;
import io.sextant.testkit.Fixtures;
import io.sextant.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class MemoryBackendTest {
    private final String serverName = Fixtures.uniqueServer();
    private final MemoryServer server = MemoryServer.named(serverName);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<MemoryBackend> opened = new ArrayList<>();

    MemoryBackendTest() {
        server.clock(clock);
    }

    @AfterEach
    void closeAll() {
        opened.forEach(MemoryBackend::close);
        server.reset();
    }

    private MemoryBackend client(String namespace) {
        SextantConfig config = Fixtures.memoryConfig(serverName).namespace(namespace).build();
        MemoryBackend b = (MemoryBackend) new MemoryBackendProvider().open(BackendConfig.from(config));
        opened.add(b);
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void watchGivesSnapshotThenOrderedEventsOfItsPrefixAndNamespaceOnly() throws Exception {
        MemoryBackend a = client("ns1");
        MemoryBackend other = client("ns2");
        a.putEphemeral("/services/x/1", bytes("a")).get();
        Recorder rec = new Recorder();
        a.watch("/services/x/", rec);
        EphemeralHandle h2 = a.putEphemeral("/services/x/2", bytes("b")).get();
        a.putEphemeral("/services/y/1", bytes("c")).get();
        other.putEphemeral("/services/x/3", bytes("d")).get();
        h2.update(bytes("b2")).get();
        a.delete("/services/x/1").get();
        await().untilAsserted(() -> assertThat(rec.events).containsExactly(
                "snapshot[/services/x/1]", "put /services/x/2=b", "put /services/x/2=b2", "delete /services/x/1"));
        assertThat(a.get("/services/x/2").get()).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("b2")));
        assertThat(a.get("/services/x/1").get()).isEmpty();
        assertThat(a.list("/services/").get()).containsOnlyKeys("/services/x/2", "/services/y/1");
        assertThat(other.list("/services/").get()).containsOnlyKeys("/services/x/3");
    }

    @Test
    void closingTheClientDeletesItsEphemeralsAndStopsItsWatches() throws Exception {
        MemoryBackend a = client("ns");
        MemoryBackend b = client("ns");
        Recorder rec = new Recorder();
        AutoCloseable w = b.watch("/services/", rec);
        a.putEphemeral("/services/x/1", bytes("a")).get();
        a.close();
        await().untilAsserted(() -> assertThat(rec.events).containsExactly(
                "snapshot[]", "put /services/x/1=a", "delete /services/x/1"));
        w.close();
        client("ns").putEphemeral("/services/x/2", bytes("z")).get();
        assertThat(rec.events).hasSize(3);
        assertThat(b.list("/services/").get()).containsOnlyKeys("/services/x/2");
    }

    @Test
    void stopSuspendsAndFailsRequestsStartReconnectsWithResyncAndSameSession() throws Exception {
        MemoryBackend a = client("ns");
        MemoryBackend watcher = client("ns");
        Recorder conn = new Recorder();
        a.addListener(conn);
        Recorder rec = new Recorder();
        watcher.watch("/services/", rec);
        a.putEphemeral("/services/x/1", bytes("a")).get();

        server.stop();
        assertThat(server.isRunning()).isFalse();
        await().until(() -> a.connectionState() == ConnectionState.SUSPENDED);
        assertThatThrownBy(() -> a.get("/services/x/1").get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(BackendUnavailableException.class);
        assertThatThrownBy(() -> a.putEphemeral("/services/x/2", bytes("b")).get())
                .hasCauseInstanceOf(BackendUnavailableException.class);

        clock.advance(Duration.ofSeconds(1)); // less than the 2 s TTL
        server.start();
        await().until(() -> a.connectionState() == ConnectionState.RECONNECTED);
        assertThat(conn.events).containsExactly("SUSPENDED", "RECONNECTED");
        await().untilAsserted(() -> assertThat(rec.events).containsExactly(
                "snapshot[]", "put /services/x/1=a", "resync[/services/x/1]"));
        assertThat(a.get("/services/x/1").get()).isPresent();
    }

    @Test
    void startAfterMoreThanTheTtlExpiresTheSessionAndTheClientRecreatesLatestValues() throws Exception {
        MemoryBackend a = client("ns");
        MemoryBackend watcher = client("ns");
        Recorder conn = new Recorder();
        a.addListener(conn);
        Recorder rec = new Recorder();
        EphemeralHandle h = a.putEphemeral("/services/x/1", bytes("a")).get();
        server.stop();
        assertThat(h.update(bytes("a2"))).isCompletedExceptionally(); // kept locally, written on restore
        watcher.watch("/services/", rec);
        clock.advance(Duration.ofSeconds(3));
        server.start();
        await().untilAsserted(() -> assertThat(conn.events).containsExactly(
                "SUSPENDED", "LOST", "restored[/services/x/1]", "RECONNECTED"));
        assertThat(a.get("/services/x/1").get().map(String::new)).contains("a2");
        await().untilAsserted(() -> assertThat(rec.events).endsWith("put /services/x/1=a2"));
        assertThat(rec.events.get(0)).isIn("snapshot[]", "snapshot[/services/x/1]");
    }

    @Test
    void expireSessionOwningDeletesTheEphemeralsThenTheClientRestoresThem() throws Exception {
        MemoryBackend a = client("ns");
        MemoryBackend watcher = client("ns");
        Recorder conn = new Recorder();
        a.addListener(conn);
        Recorder rec = new Recorder();
        watcher.watch("/services/", rec);
        a.putEphemeral("/services/x/1", bytes("a")).get();
        a.putEphemeral("/services/x/2", bytes("b")).get();
        server.expireSessionOwning("ns", "/services/x/1");
        await().untilAsserted(() -> assertThat(conn.events).containsExactly(
                "LOST", "restored[/services/x/1, /services/x/2]", "RECONNECTED"));
        await().untilAsserted(() -> assertThat(rec.events).containsExactly("snapshot[]",
                "put /services/x/1=a", "put /services/x/2=b",
                "delete /services/x/1", "delete /services/x/2",
                "put /services/x/1=a", "put /services/x/2=b"));
        assertThat(watcher.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThatThrownBy(() -> server.expireSessionOwning("ns", "/services/none"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handleRefreshPutsBackADeletedKeyAndDeleteStopsKeepingIt() throws Exception {
        MemoryBackend a = client("ns");
        EphemeralHandle h = a.putEphemeral("/services/x/1", bytes("a")).get();
        assertThat(a.delete("/services/x/1").get()).isTrue();
        assertThat(a.delete("/services/x/1").get()).isFalse();
        h.refresh().get();
        assertThat(a.get("/services/x/1").get()).isPresent();
        h.delete().get();
        h.delete().get();
        assertThat(a.get("/services/x/1").get()).isEqualTo(Optional.empty());
        server.expireSessionOwning("ns", a.putEphemeral("/services/x/2", bytes("b")).get().key());
        await().untilAsserted(() -> assertThat(a.list("/services/").get()).containsOnlyKeys("/services/x/2"));
    }

    @Test
    void openingWhileTheServerIsDownFails() {
        server.stop();
        assertThatThrownBy(() -> client("ns")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining(serverName);
    }

    @Test
    void aRefreshRacingTheHandlesDeleteDoesNotPutTheKeyBack() throws Exception {
        MemoryBackend a = client("ns1");
        EphemeralHandle h = a.putEphemeral("/services/x/1", bytes("v")).get();
        Thread refresher;
        synchronized (server) { // the refresh passes its own checks, then waits for the server
            refresher = new Thread(h::refresh);
            refresher.start();
            await().until(() -> refresher.getState() == Thread.State.BLOCKED);
            h.delete().get(); // the deregistration goes first (this thread holds the server)
        }
        refresher.join();
        assertThat(a.get("/services/x/1").get()).isEmpty();
    }
}
