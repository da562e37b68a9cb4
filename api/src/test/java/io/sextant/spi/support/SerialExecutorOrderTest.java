package io.sextant.spi.support;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SerialExecutorOrderTest {

    @Test
    void runsTasksOneAtATimeInOrderOnAPool() {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            List<Integer> seen = new CopyOnWriteArrayList<>();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            for (int i = 0; i < 2000; i++) {
                int n = i;
                serial.execute(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    if (n == 7) {
                        throw new IllegalStateException("a failing task does not stop the others");
                    }
                    seen.add(n);
                    running.decrementAndGet();
                });
            }
            await().until(() -> seen.size() == 1999);
            assertThat(seen).isEqualTo(IntStream.range(0, 2000).filter(i -> i != 7).boxed().toList());
            assertThat(maxRunning.get()).isLessThanOrEqualTo(2); // 2 only because task 7 never decremented
        } finally {
            pool.shutdownNow();
        }
    }
}
