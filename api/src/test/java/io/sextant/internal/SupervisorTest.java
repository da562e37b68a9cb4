package io.sextant.internal;

import io.sextant.spi.support.RecordCodec;

import io.sextant.Registration;
import io.sextant.RegistrationRepairedEvent;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.memory.MemoryBackendProvider;
import io.sextant.memory.MemoryServer;
import io.sextant.spi.Backend;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.ConnectionState;
import io.sextant.testkit.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class SupervisorTest {
    private final String serverName = Fixtures.uniqueServer();
    private final MemoryServer server = MemoryServer.named(serverName);
    private final List<SupervisedRegistry> opened = new ArrayList<>();
    private final List<RegistrationRepairedEvent> repairs = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(SupervisedRegistry::close);
        server.reset();
    }

    private SupervisedRegistry open(Duration interval) {
        SupervisedRegistry r = SupervisedRegistry.open(Fixtures.memoryConfig(serverName).namespace("ns")
                .supervisorInterval(interval).build(), Clock.systemUTC());
        opened.add(r);
        return r;
    }

    private static Optional<ServiceInstance> stored(SupervisedRegistry r, String id) throws Exception {
        return r.backend().get(Keys.instanceKey("orders", id)).get()
                .map(bytes -> io.sextant.spi.support.RecordCodec.decode(bytes));
    }

    @Test
    void aKeyDeletedBehindItsBackIsPutBackByThePeriodicCheck() throws Exception {
        SupervisedRegistry a = open(Duration.ofMillis(200));
        a.addRepairListener(repairs::add);
        SupervisedRegistry other = open(Duration.ofHours(1));
        a.register(Fixtures.instance("orders", "1"));
        assertThat(other.backend().delete(Keys.instanceKey("orders", "1")).get()).isTrue();
        await().until(() -> !repairs.isEmpty());
        assertThat(repairs.get(0).reason()).isEqualTo("missing");
        assertThat(repairs.get(0).instance().id()).isEqualTo("1");
        assertThat(stored(other, "1")).contains(Fixtures.instance("orders", "1"));
        assertThat(a.stats().repairs()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aKeyOverwrittenBehindItsBackIsRestoredWithItsData() throws Exception {
        SupervisedRegistry a = open(Duration.ofHours(1));
        a.addRepairListener(repairs::add);
        SupervisedRegistry other = open(Duration.ofHours(1));
        a.register(Fixtures.instance("orders", "1"));
        ServiceInstance forged = Fixtures.instance("orders", "1").toBuilder().port(9999).build();
        other.backend().putEphemeral(Keys.instanceKey("orders", "1"), RecordCodec.encode(forged)).get();
        a.verifyNow();
        await().until(() -> !repairs.isEmpty());
        assertThat(repairs.get(0).reason()).isEqualTo("changed");
        assertThat(stored(other, "1")).contains(Fixtures.instance("orders", "1"));
        assertThat(a.stats().repairs()).isEqualTo(1);
    }

    @Test
    void dataUpdatedDuringAnOutageIsWrittenAfterReconnectWithTheSameSession() throws Exception {
        SupervisedRegistry a = open(Duration.ofHours(1));
        a.addRepairListener(repairs::add);
        Registration reg = a.register(Fixtures.instance("orders", "1"));
        server.stop();
        await().until(() -> a.backend().connectionState() == ConnectionState.SUSPENDED);
        assertThat(reg.updateWeight(7)).isCompletedExceptionally();
        assertThat(reg.instance().weight()).isEqualTo(7);
        server.start();
        await().until(() -> stored(a, "1").map(ServiceInstance::weight).orElse(-1) == 7);
        assertThat(repairs).extracting(RegistrationRepairedEvent::reason).containsExactly("changed");
    }

    @Test
    void dataUpdatedDuringAnOutageSurvivesSessionExpiry() throws Exception {
        SupervisedRegistry a = open(Duration.ofHours(1));
        a.addRepairListener(repairs::add);
        Registration reg = a.register(Fixtures.instance("orders", "1"));
        server.stop();
        reg.updateStatus(io.sextant.InstanceStatus.DRAINING);
        server.expireSessionOwning("ns", Keys.instanceKey("orders", "1"));
        server.start();
        await().until(() -> stored(a, "1").map(ServiceInstance::status).orElse(null)
                == io.sextant.InstanceStatus.DRAINING);
        await().until(() -> repairs.stream().anyMatch(e -> e.reason().equals("backend-restored")));
        assertThat(a.stats().restores()).isEqualTo(1);
        assertThat(repairs).filteredOn(e -> e.reason().equals("backend-restored")).singleElement()
                .satisfies(e -> assertThat(e.instance().status()).isEqualTo(io.sextant.InstanceStatus.DRAINING));
    }

    @Test
    void aBackendCallThrowingInsteadOfFailingItsFutureDoesNotStopLaterRounds() throws Exception {
        SextantConfig config = Fixtures.memoryConfig(serverName).namespace("ns").supervisorInterval(Duration.ofHours(1))
                .build();
        Backend memory = new MemoryBackendProvider().open(BackendConfig.from(config));
        AtomicInteger throwingGets = new AtomicInteger(1);
        Backend flaky = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("get") && throwingGets.getAndDecrement() > 0) {
                        throw new IllegalStateException("client is reconnecting");
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SupervisedRegistry a = new SupervisedRegistry(config, flaky, Clock.systemUTC(), () -> 0.5);
        opened.add(a);
        a.addRepairListener(repairs::add);
        a.register(Fixtures.instance("orders", "1"));
        a.verifyNow();
        await().until(() -> throwingGets.get() <= 0);
        assertThat(memory.delete(Keys.instanceKey("orders", "1")).get()).isTrue();
        a.verifyNow();
        await().atMost(Duration.ofSeconds(5)).until(() -> !repairs.isEmpty());
        assertThat(stored(a, "1")).contains(Fixtures.instance("orders", "1"));
    }

    @Test
    void anUpdateThatFailsWhileConnectedIsWrittenByTheSupervisorWithoutWaitingForItsInterval() throws Exception {
        SextantConfig config = Fixtures.memoryConfig(serverName).namespace("ns").supervisorInterval(Duration.ofHours(1))
                .build();
        Backend memory = new MemoryBackendProvider().open(BackendConfig.from(config));
        AtomicInteger failingUpdates = new AtomicInteger(1);
        Backend flaky = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (!method.getName().equals("putEphemeral")) {
                        return result;
                    }
                    // The handle's first update fails without reaching the backend (a request lost mid-flight
                    // while the connection itself stays up: no LOST or RECONNECTED follows).
                    return ((java.util.concurrent.CompletableFuture<?>) result).thenApply(h -> failingFirstUpdate(
                            (io.sextant.spi.EphemeralHandle) h, failingUpdates));
                });
        SupervisedRegistry a = new SupervisedRegistry(config, flaky, Clock.systemUTC(), () -> 0.5);
        opened.add(a);
        Registration reg = a.register(Fixtures.instance("orders", "1"));
        ServiceInstance heavier = reg.instance().toBuilder().weight(7).build();
        assertThat(reg.update(heavier)).failsWithin(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored(a, "1")).contains(heavier));
    }

    private static io.sextant.spi.EphemeralHandle failingFirstUpdate(io.sextant.spi.EphemeralHandle h,
                                                                    AtomicInteger failing) {
        return (io.sextant.spi.EphemeralHandle) Proxy.newProxyInstance(Backend.class.getClassLoader(),
                new Class<?>[] {io.sextant.spi.EphemeralHandle.class}, (proxy, method, args) -> {
                    if (method.getName().equals("update") && failing.getAndDecrement() > 0) {
                        // keep the value (as real handles do) but do not write it
                        return java.util.concurrent.CompletableFuture.failedFuture(
                                new io.sextant.BackendUnavailableException("request lost"));
                    }
                    try {
                        return method.invoke(h, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
