package io.sextant.etcd;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend's own threads: one timer thread that owns lease supervision and schedules retries, and a
 * fixed few on which listeners and returned futures complete (never jetcd's transport threads; nothing
 * on them waits for etcd). The pool's queue holds at most the requests in flight plus watch events;
 * should it ever fill, the thread handing work on runs it itself. jetcd gets a fixed few of its own too
 * (its default is an unbounded cached pool, which a burst of answers grows by a thread each).
 */
record BackendThreads(ScheduledExecutorService timer, ExecutorService dispatch, ExecutorService jetcd) {
    private static final AtomicInteger BACKENDS = new AtomicInteger();
    private static final int DISPATCH_THREADS = 4;
    private static final int DISPATCH_QUEUE = 100_000;

    static BackendThreads create() {
        int n = BACKENDS.incrementAndGet();
        return new BackendThreads(Executors.newSingleThreadScheduledExecutor(factory("sextant-etcd-" + n + "-lease")),
                dispatch(factory("sextant-etcd-" + n + "-events")), dispatch(factory("sextant-etcd-" + n + "-jetcd")));
    }

    /** Stops every thread (after the jetcd client is closed). */
    void shutdown() {
        timer.shutdownNow();
        dispatch.shutdown();
        jetcd.shutdown();
    }

    private static ExecutorService dispatch(ThreadFactory threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(DISPATCH_THREADS, DISPATCH_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(DISPATCH_QUEUE), threads, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
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
