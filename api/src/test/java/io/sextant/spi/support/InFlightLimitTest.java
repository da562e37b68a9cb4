package io.sextant.spi.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class InFlightLimitTest {

    @Test
    void requestsBeyondTheLimitWaitInOrderAndStartAsEarlierOnesComplete() {
        InFlightLimit limit = new InFlightLimit(2, Runnable::run);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        List<Integer> started = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompletableFuture<Integer> answer = new CompletableFuture<>();
            answers.add(answer);
            int n = i;
            results.add(limit.submit(() -> {
                started.add(n);
                return answer;
            }));
        }
        assertThat(started).containsExactly(0, 1);
        assertThat(limit.inFlight()).isEqualTo(2);
        assertThat(limit.waiting()).isEqualTo(3);

        answers.get(1).complete(1);
        assertThat(started).containsExactly(0, 1, 2);
        answers.get(0).completeExceptionally(new IllegalStateException("refused"));
        assertThat(started).containsExactly(0, 1, 2, 3);
        answers.get(2).complete(2);
        answers.get(3).complete(3);
        answers.get(4).complete(4);

        assertThat(results.get(1)).isCompletedWithValue(1);
        assertThat(results.get(0)).isCompletedExceptionally();
        assertThat(results.get(4)).isCompletedWithValue(4);
        assertThat(limit.inFlight()).isZero();
        assertThat(limit.waiting()).isZero();
    }

    @Test
    void thousandsOfRequestsFailingAtOnceNeitherOverflowTheStackNorLeakPermits() {
        ExecutorService starter = Executors.newSingleThreadExecutor();
        try {
            InFlightLimit limit = new InFlightLimit(1, starter);
            CompletableFuture<Void> gate = new CompletableFuture<>();
            limit.submit(() -> gate);
            List<CompletableFuture<Object>> failing = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                failing.add(limit.submit(() -> {
                    throw new IllegalStateException("cannot start");
                }));
            }
            gate.complete(null);
            await().atMost(10, TimeUnit.SECONDS).until(() -> failing.stream().allMatch(CompletableFuture::isDone));
            assertThat(failing).allMatch(CompletableFuture::isCompletedExceptionally);
            assertThat(limit.inFlight()).isZero();
        } finally {
            starter.shutdownNow();
        }
    }

    @Test
    void theLimitIsReadFromItsKeyAndValidated() {
        assertThat(InFlightLimit.parse(null, 256)).isEqualTo(256);
        assertThat(InFlightLimit.parse(" 64 ", 256)).isEqualTo(64);
        assertThatThrownBy(() -> InFlightLimit.parse("0", 256)).hasMessageContaining(InFlightLimit.KEY);
        assertThatThrownBy(() -> InFlightLimit.parse("many", 256)).hasMessageContaining(InFlightLimit.KEY)
                .hasMessageContaining("many");
    }
}
