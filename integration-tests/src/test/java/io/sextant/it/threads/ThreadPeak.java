package io.sextant.it.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Samples the JVM's live thread count every few milliseconds on one daemon thread (started before the
 * baseline is taken, so it counts in it) and keeps the highest count seen since the last {@link #reset}.
 */
final class ThreadPeak implements AutoCloseable {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private volatile String atPeak = "";

    private ThreadPeak() {
        sampler = new Thread(() -> {
            while (running.get()) {
                int count = threads.getThreadCount();
                if (count > peak.getAndAccumulate(count, Math::max)) {
                    atPeak = groups();
                }
                try {
                    Thread.sleep(5); // a sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "thread-peak-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static ThreadPeak start() {
        return new ThreadPeak();
    }

    /** The live thread count now. */
    int now() {
        return threads.getThreadCount();
    }

    /** The highest count seen since the last reset. */
    int peak() {
        return Math.max(peak.get(), now());
    }

    /** Starts a new observation window at the current count. */
    void reset() {
        peak.set(now());
        atPeak = groups();
    }

    /** The live threads when the peak was seen, counted by name without its trailing number. */
    String atPeak() {
        return atPeak;
    }

    private static String groups() {
        Map<String, Long> byName = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            byName.merge(t.getName().replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N"), 1L, Long::sum);
        }
        return byName.toString();
    }

    @Override
    public void close() {
        running.set(false);
        sampler.interrupt();
    }
}
