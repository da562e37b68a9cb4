package io.sextant.benchmarks.e2e;

import java.util.Arrays;
import java.util.Locale;

/** Collected latencies of one measured path, in nanoseconds, and their percentiles. */
final class Latencies {
    private final String name;
    private final long[] nanos;
    private int count;

    Latencies(String name, int capacity) {
        this.name = name;
        this.nanos = new long[capacity];
    }

    void add(long n) {
        nanos[count++] = n;
    }

    String name() {
        return name;
    }

    double percentileMillis(double p) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, idx))] / 1e6;
    }

    String row() {
        return String.format(Locale.ROOT, "| %-44s | %5d | %7.2f | %7.2f | %7.2f | %7.2f |", name, count,
                percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(100));
    }

    static String header() {
        return "| path                                         |     n | p50 ms  | p90 ms  | p99 ms  | max ms  |\n"
                + "|----------------------------------------------|-------|---------|---------|---------|---------|";
    }
}
