package io.sextant.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names daemon threads {@code sextant-<role>-<registry>-<n>}. */
final class DaemonThreads implements ThreadFactory {
    private static final AtomicInteger REGISTRIES = new AtomicInteger();

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    private DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    /** A registry number, shared by that registry's thread factories. */
    static int nextRegistry() {
        return REGISTRIES.incrementAndGet();
    }

    static DaemonThreads named(String role, int registry) {
        return new DaemonThreads("sextant-" + role + "-" + registry + "-");
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + count.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
