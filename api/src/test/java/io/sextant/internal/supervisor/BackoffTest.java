package io.sextant.internal.supervisor;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    @Test
    void periodsAreJitteredByAtMostTwentyPercent() {
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.0).jittered(Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofSeconds(8));
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.5).jittered(Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.999).jittered(Duration.ofSeconds(10)))
                .isBetween(Duration.ofMillis(11_990), Duration.ofSeconds(12));
    }

    @Test
    void failuresDoubleTheDelayUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5);
        assertThat(b.afterFailures(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.afterFailures(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.afterFailures(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(b.afterFailures(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.afterFailures(1000)).isEqualTo(Duration.ofSeconds(1));
    }
}
