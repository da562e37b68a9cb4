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

    /**
     * The memo is sized by the keys seen, not by the candidates: at n = 100 a working set of 1024
     * keys (the picker's get-or-scan-and-put loop) must settle into hits (all but the odd key of an
     * overfull 4-way bucket). A table sized by n holds 1024 slots, so cycling 1024 keys through it
     * keeps evicting a third of them.
     */
    @Test
    void aWorkingSetLargerThanTheCandidatesSettlesIntoHits() {
        RendezvousMemo memo = new RendezvousMemo(100);
        java.util.SplittableRandom random = Fixtures.keys(11);
        long[] keys = new long[1024];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
        }
        int misses = 0;
        for (int round = 0; round < 6; round++) {
            misses = 0;
            for (int i = 0; i < keys.length; i++) {
                int got = memo.get(keys[i]);
                if (got < 0) {
                    misses++;
                    memo.put(keys[i], i % 100);
                } else {
                    assertThat(got).isEqualTo(i % 100);
                }
            }
        }
        assertThat(misses).isLessThanOrEqualTo(keys.length / 100);
        assertThat(memo.buckets()).isLessThanOrEqualTo(2048); // sized by the 1024 keys: at most 64 KiB
    }

    @Test
    void keepsWhatItRememberedWhenItGrows() {
        RendezvousMemo memo = new RendezvousMemo(3);
        for (int i = 0; i < 5000; i++) {
            memo.put(i * 0x9E3779B97F4A7C15L + 1, i % 3);
        }
        int remembered = 0;
        for (int i = 0; i < 5000; i++) {
            int got = memo.get(i * 0x9E3779B97F4A7C15L + 1);
            assertThat(got).isIn(-1, i % 3);
            remembered += got >= 0 ? 1 : 0;
        }
        assertThat(remembered).isGreaterThan(4500);
    }

    @Test
    void rejectsSizesItCannotEncode() {
        assertThatThrownBy(() -> new RendezvousMemo(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("candidates");
        assertThatThrownBy(() -> new RendezvousMemo(RendezvousMemo.MAX_CANDIDATES + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
