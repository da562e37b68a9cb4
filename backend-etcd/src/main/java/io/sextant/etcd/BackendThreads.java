package io.sextant.etcd;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend's own threads: one timer thread that owns lease supervision and schedules retries, and a
 * small pool on which listeners and returned futures complete (never jetcd's transport threads).
 */
record BackendThreads(ScheduledExecutorService timer, ExecutorService dispatch) {
    private static final AtomicInteger BACKENDS = new AtomicInteger();

    static BackendThreads create() {
        int n = BACKENDS.incrementAndGet();
        return new BackendThreads(Executors.newSingleThreadScheduledExecutor(factory("sextant-etcd-" + n + "-lease")),
                Executors.newCachedThreadPool(factory("sextant-etcd-" + n + "-events")));
    }

    private static ThreadFactory factory(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
