package io.sextant.internal;

import io.sextant.BackendUnavailableException;
import io.sextant.Registration;
import io.sextant.SextantConfig;
import io.sextant.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(10)
class RegisterTimeoutTest {
    @Test
    void registerGivesUpAfterTheRequestTimeoutAndALatePutIsDeletedAgain() {
        PendingBackend backend = new PendingBackend();
        SextantConfig config = SextantConfig.builder().backend("memory").requestTimeout(Duration.ofMillis(200)).build();
        try (SupervisedRegistry registry = new SupervisedRegistry(config, backend, Clock.systemUTC(), () -> 0.5)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> registry.register(Fixtures.instance("orders", "slow")))
                    .isInstanceOf(BackendUnavailableException.class).hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("200 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(registry.stats().registrations()).isZero();

            backend.put.complete(backend.handle(Keys.instanceKey("orders", "slow")));
            await().until(() -> backend.deletes.get() == 1);
            assertThat(registry.stats().registrations()).isZero();
        }
    }

    @Test
    void aRegistrationWhoseFutureTheCallerGaveUpOnIsDeletedAgainAndItsIdFreed() {
        PendingBackend backend = new PendingBackend();
        SextantConfig config = SextantConfig.builder().backend("memory").requestTimeout(Duration.ofSeconds(2)).build();
        try (SupervisedRegistry registry = new SupervisedRegistry(config, backend, Clock.systemUTC(), () -> 0.5)) {
            CompletableFuture<Registration> f = registry.registerAsync(Fixtures.instance("orders", "given-up"));
            f.orTimeout(10, TimeUnit.MILLISECONDS); // completes f itself exceptionally
            await().until(f::isCompletedExceptionally);

            backend.put.complete(backend.handle(Keys.instanceKey("orders", "given-up")));
            await().until(() -> backend.deletes.get() == 1);
            assertThat(registry.stats().registrations()).isZero();
            assertThat(registry.registerAsync(Fixtures.instance("orders", "given-up")))
                    .isNotCompletedExceptionally(); // the id is free again (the put is already complete)
        }
    }
}
