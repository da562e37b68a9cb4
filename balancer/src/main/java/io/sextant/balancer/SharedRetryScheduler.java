package io.sextant.balancer;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The default scheduler of {@link Balancer#executeAsync} retries: one daemon thread for the whole
 * JVM, created on first use. Retries are bounded by each balancer's retry budget, and attempts are
 * only started on it (calls must not block), so one thread suffices.
 */
final class SharedRetryScheduler {
    private SharedRetryScheduler() {
    }

    static ScheduledExecutorService get() {
        return Holder.SCHEDULER;
    }

    private static final class Holder {
        static final ScheduledExecutorService SCHEDULER = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "sextant-balancer-retry");
                t.setDaemon(true);
                return t;
            });
            s.setRemoveOnCancelPolicy(true);
            return s;
        }
    }
}
