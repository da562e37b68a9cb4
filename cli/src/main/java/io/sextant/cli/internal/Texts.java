package io.sextant.cli.internal;

import io.sextant.ServiceInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Short human renderings shared by the commands. */
public final class Texts {
    private Texts() {
    }

    /** An age such as {@code 42s}, {@code 5m}, {@code 3h}, {@code 2d}. */
    public static String age(Instant since, Instant now) {
        long s = Math.max(0, Duration.between(since, now).getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172_800) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }

    /** A duration such as {@code 850ms}, {@code 2.4s}, {@code 3m}. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 120_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return ms / 60_000 + "m";
    }

    /** Metadata as {@code k=v,k=v} in key order, or {@code -} when empty. */
    public static String metadata(ServiceInstance i) {
        if (i.metadata().isEmpty()) {
            return "-";
        }
        return new TreeMap<>(i.metadata()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Zone or {@code -}. */
    public static String zone(ServiceInstance i) {
        return i.zone().isEmpty() ? "-" : i.zone();
    }

    /** The fields that differ between two versions of an instance, as {@code field old→new}. */
    public static Map<String, Object[]> changes(ServiceInstance before, ServiceInstance after) {
        Map<String, Object[]> c = new TreeMap<>();
        diff(c, "host", before.host(), after.host());
        diff(c, "port", before.port(), after.port());
        diff(c, "zone", before.zone(), after.zone());
        diff(c, "weight", before.weight(), after.weight());
        diff(c, "status", before.status().name(), after.status().name());
        diff(c, "metadata", new TreeMap<>(before.metadata()), new TreeMap<>(after.metadata()));
        return c;
    }

    private static void diff(Map<String, Object[]> c, String field, Object a, Object b) {
        if (!a.equals(b)) {
            c.put(field, new Object[] {a, b});
        }
    }
}
