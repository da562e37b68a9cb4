package io.sextant.etcd;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EphemeralsTest {
    private static final String KEY = "/services/s/a";
    private final FakeKv fake = new FakeKv();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Ephemerals ephemerals = new Ephemerals(
            new KvOps(fake, new KeyMapper("ns"), Duration.ofSeconds(5), Runnable::run, "test"),
            () -> 7L, id -> { }, timer, new Seams(System::nanoTime, () -> 0.0));

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void reRegisteringAKeyWhoseDeleteIsStillInFlightKeepsTheNewRegistration() throws Exception {
        EtcdEphemeralHandle first = ephemerals.open(KEY, b("v1")).get(5, TimeUnit.SECONDS);
        fake.holdDeletes();
        CompletableFuture<Void> deleted = first.delete();
        CompletableFuture<EtcdEphemeralHandle> second = ephemerals.open(KEY, b("v2"));

        fake.releaseDeletes(); // the old delete reaches the cluster now
        deleted.get(5, TimeUnit.SECONDS);
        EtcdEphemeralHandle handle = second.get(5, TimeUnit.SECONDS);

        assertThat(handle).isNotSameAs(first);
        assertThat(fake.value("/ns" + KEY)).as("the re-registered key while its handle is open").isEqualTo("v2");
    }

    @Test
    void reRegisteringAKeyWhileItsBackgroundDeleteRetryIsInFlightKeepsTheNewRegistration() throws Exception {
        EtcdEphemeralHandle first = ephemerals.open(KEY, b("v1")).get(5, TimeUnit.SECONDS);
        fake.failDeletes(1); // the deregistration fails mid-outage: retried in the background
        assertThat(first.delete()).failsWithin(Duration.ofSeconds(5));
        fake.holdDeletes();
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.heldDeletes() == 1); // the retry is in flight

        CompletableFuture<EtcdEphemeralHandle> second = ephemerals.open(KEY, b("v2"));
        fake.releaseDeletes(); // the retried delete reaches the cluster now
        second.get(5, TimeUnit.SECONDS);

        assertThat(fake.value("/ns" + KEY)).as("the re-registered key while its handle is open").isEqualTo("v2");
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
