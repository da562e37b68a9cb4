package io.sextant.spi.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void growsExponentiallyBetweenHalfAndAllOfTheCeilingUpToTheMax() {
        Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.999999);
        assertThat(low.delay(0)).isEqualTo(Duration.ofMillis(50));
        assertThat(low.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(low.delay(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(high.delay(3)).isBetween(Duration.ofMillis(799), Duration.ofMillis(800));
        assertThat(low.delay(10)).isEqualTo(Duration.ofSeconds(1));
        assertThat(high.delay(100)).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(low.delay(-1)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void jitterSpreadsAFleet() {
        java.util.Random r = new java.util.Random(42);
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), r::nextDouble);
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(b.delay(4));
        }
        assertThat(seen).hasSizeGreaterThan(40);
    }

    @Test
    void periodsAreJitteredWithinTheUpperHalf() {
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.0).jitter(Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.5).jitter(Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofMillis(7500));
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.999).jitter(Duration.ofSeconds(10)))
                .isBetween(Duration.ofMillis(9_990), Duration.ofSeconds(10));
    }

    @Test
    void failuresDoubleTheCeilingUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999);
        assertThat(b.delay(0)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(b.delay(1)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
        assertThat(b.delay(3)).isBetween(Duration.ofMillis(799), Duration.ofMillis(800));
        assertThat(b.delay(4)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(b.delay(1000)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0))
                .hasMessageContaining("base");
    }
}
