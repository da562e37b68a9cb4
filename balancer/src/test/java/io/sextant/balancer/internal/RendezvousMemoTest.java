package io.sextant.balancer.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The memo answers only for the exact key hash it stored, even when many keys share a bucket. */
class RendezvousMemoTest {

    @Test
    void emptyMemoKnowsNothing() {
        RendezvousMemo memo = new RendezvousMemo(1000);
        assertThat(memo.get(0)).isEqualTo(-1);
        assertThat(memo.get(12345)).isEqualTo(-1);
        assertThat(memo.get(-1)).isEqualTo(-1);
    }

    @Test
    void keysSharingABucketNeverGetAnotherKeysIndex() {
        RendezvousMemo memo = new RendezvousMemo(1000);
        int remembered = 0;
        for (long j = 0; j < 50; j++) {
            memo.put((j << 40) | 7, (int) j); // same low bits: one bucket, four ways
        }
        for (long j = 0; j < 50; j++) {
            int got = memo.get((j << 40) | 7);
            assertThat(got).isIn(-1, (int) j);
            remembered += got >= 0 ? 1 : 0;
        }
        assertThat(remembered).isBetween(1, 4);
        assertThat(memo.get((51L << 40) | 7)).isEqualTo(-1);
    }

    @Test
    void remembersTheLastIndexAndEveryCandidateIndex() {
        RendezvousMemo memo = new RendezvousMemo(999);
        for (int i = 0; i < 999; i++) {
            memo.put(i * 0x9E3779B97F4A7C15L, i);
        }
        for (int i = 0; i < 999; i++) {
            assertThat(memo.get(i * 0x9E3779B97F4A7C15L)).isIn(-1, i);
        }
        memo.put(42, 998);
        assertThat(memo.get(42)).isEqualTo(998);
        memo.put(42, 3);
        assertThat(memo.get(42)).isEqualTo(3);
    }

    @Test
    void rejectsSizesItCannotEncode() {
        assertThatThrownBy(() -> new RendezvousMemo(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("candidates");
        assertThatThrownBy(() -> new RendezvousMemo(RendezvousMemo.MAX_CANDIDATES + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
