package io.sextant.internal.cache;

import io.sextant.InstanceSet;
import io.sextant.InstanceSetChange;
import io.sextant.ServiceInstance;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Only new registrations have a propagation lag: not the first read, not an instance coming back. */
class PropagationLagsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final AtomicLong ticker = new AtomicLong();
    private final PropagationLags lags = new PropagationLags(ticker::get);

    private static ServiceInstance registered(String id, Instant at) {
        return ServiceInstance.builder("orders").id(id).host("10.0.0.1").port(8080).registeredAt(at).build();
    }

    private static InstanceSetChange change(List<ServiceInstance> added, List<ServiceInstance> removed) {
        InstanceSet empty = InstanceSet.empty("orders");
        return new InstanceSetChange(empty, empty, added, removed, List.of());
    }

    @Test
    void aNewRegistrationsLagRunsFromItsRegisteredAtAndASkewedClockIsClampedAtZero() {
        lags.of(change(List.of(), List.of()), NOW, true);
        List<Duration> seen = lags.of(change(List.of(registered("a", NOW.minusMillis(3)),
                registered("b", NOW.plusSeconds(2))), List.of()), NOW, false);
        assertThat(seen).containsExactly(Duration.ofMillis(3), Duration.ZERO);
    }

    @Test
    void theFirstReadHasNoLagsItsInstancesWereRegisteredBeforeTheCacheWatched() {
        assertThat(lags.of(change(List.of(registered("a", NOW.minusSeconds(86_400))), List.of()), NOW, true))
                .isEmpty();
    }

    @Test
    void anInstanceComingBackWithinFiveMinutesIsNotANewRegistrationButOneComingBackLaterIs() {
        ServiceInstance a = registered("a", NOW.minusSeconds(600));
        lags.of(change(List.of(), List.of(a)), NOW, false);
        ticker.addAndGet(Duration.ofSeconds(3).toNanos());
        assertThat(lags.of(change(List.of(a), List.of()), NOW, false)).isEmpty(); // re-created after a session loss
        assertThat(lags.remembered()).isZero();

        lags.of(change(List.of(), List.of(a)), NOW, false);
        ticker.addAndGet(PropagationLags.RECENT.toNanos() + 1);
        lags.of(change(List.of(), List.of()), NOW, false); // forgets it
        assertThat(lags.remembered()).isZero();
        assertThat(lags.of(change(List.of(a), List.of()), NOW, false)).containsExactly(Duration.ofSeconds(600));
    }
}
