package io.sextant.etcd;

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
}
