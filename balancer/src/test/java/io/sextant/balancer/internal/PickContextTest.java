package io.sextant.balancer.internal;

import io.sextant.balancer.spi.Hashing;

import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.PickContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PickContextTest {

    @Test
    void carriesKeySourceAndZoneWithPrecomputedHashes() {
        PickContext c = PickContext.ofKey("cart-1").withSourceAddress("10.0.0.9").withZone("eu-1a");
        assertThat(c.key()).isEqualTo("cart-1");
        assertThat(c.keyHash()).isEqualTo(Hashing.hash("cart-1"));
        assertThat(c.sourceHash()).isEqualTo(Hashing.hash("10.0.0.9"));
        assertThat(c.zone()).isEqualTo("eu-1a");
        assertThat(PickContext.NONE.hasKey()).isFalse();
        assertThat(PickContext.NONE.hasSourceAddress()).isFalse();
        assertThat(PickContext.NONE.zone()).isEmpty();
    }

    @Test
    void hashesDoNotDependOnTheJvm() {
        // Pinned values: every client, in any JVM, must map a key to the same instance.
        assertThat(Hashing.hash("")).isEqualTo(Hashing.mix(0xCBF29CE484222325L));
        assertThat(Hashing.hash("a")).isEqualTo(Hashing.mix(((0xCBF29CE484222325L ^ 'a') * 0x100000001B3L) ^ 1));
    }

    @Test
    void rejectsBadInputNamingTheField() {
        assertThatThrownBy(() -> PickContext.ofKey(null)).hasMessageContaining("key");
        assertThatThrownBy(() -> PickContext.NONE.withZone("bad zone")).hasMessageContaining("zone");
        assertThatThrownBy(() -> BalancerOptions.DEFAULT.withMaglevTableSize(65_536))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maglevTableSize must be prime");
        assertThatThrownBy(() -> BalancerOptions.DEFAULT.withBoundedLoadFactor(1.0))
                .hasMessageContaining("boundedLoadFactor");
        assertThatThrownBy(() -> BalancerOptions.DEFAULT.withMaxEjectionShare(1.5))
                .hasMessageContaining("maxEjectionShare");
        assertThatThrownBy(() -> BalancerOptions.DEFAULT.withSlowStart(Duration.ofSeconds(-1)))
                .hasMessageContaining("slowStartWindow");
        assertThatThrownBy(() -> BalancerOptions.DEFAULT.withRetryBackoff(Duration.ZERO))
                .hasMessageContaining("retryBackoff");
    }

    @Test
    void optionsAreImmutableCopies() {
        BalancerOptions o = BalancerOptions.DEFAULT.withMaxAttempts(5);
        assertThat(o.maxAttempts()).isEqualTo(5);
        assertThat(BalancerOptions.DEFAULT.maxAttempts()).isEqualTo(3);
        assertThat(BalancerOptions.DEFAULT.withSlowStart().slowStartWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(BalancerOptions.DEFAULT.maglevTableSize()).isEqualTo(65_537);
        assertThat(BalancerOptions.DEFAULT.boundedLoadFactor()).isEqualTo(1.25);
    }
}
