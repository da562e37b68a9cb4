package io.sextant.cli.internal.demo;

import io.sextant.balancer.Balancer;
import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;
import io.sextant.cli.internal.CliException;
import io.sextant.cli.internal.ExitCodes;
import io.sextant.cli.internal.Shutdown;
import io.sextant.cli.internal.Style;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The demo's world and its rendering: the instances (by id, in order of appearance per service), the
 * clients, each frame's shares, and the clock. The acts ({@link DemoActs}) change the world; a frame
 * samples the picks and redraws the board.
 */
final class DemoStage {
    static final Duration FRAME = Duration.ofMillis(300);

    final Screen screen;
    final Style style;
    final Shutdown shutdown;
    final Map<String, DemoInstance> instances = new ConcurrentHashMap<>();
    final Map<String, List<String>> order = new LinkedHashMap<>();
    final Map<String, String> notes = new ConcurrentHashMap<>();
    final Map<String, Map<String, Map<String, Integer>>> lastCounts = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private String title = "";
    DemoClient shown;
    DemoClient other;
    Shares shares;

    DemoStage(Screen screen, Shutdown shutdown) {
        this.screen = screen;
        this.style = screen.style();
        this.shutdown = shutdown;
    }

    void title(String t) {
        title = t;
    }

    void add(DemoInstance d) {
        instances.put(d.id(), d);
        List<String> ids = order.computeIfAbsent(d.spec().service(), s -> new ArrayList<>());
        if (!ids.contains(d.id())) {
            ids.add(d.id());
        }
    }

    /** Seconds since the demo started, as {@code 12.3s}. */
    String clock() {
        return String.format(Locale.ROOT, "%5.1fs", (System.nanoTime() - start) / 1e9);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    void caption(String symbol, String text) {
        screen.caption(style.dim(clock()) + "  " + symbol + " " + text);
    }

    /** Renders frames until {@code done} holds or {@code max} passes; returns whether {@code done} held. */
    boolean dwell(Duration max, BooleanSupplier done) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            frame();
            if (done.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (shutdown.await(Duration.ofNanos(Math.min(left, FRAME.toNanos())))) {
                throw new CliException(ExitCodes.INTERRUPTED, "demo interrupted (" + shutdown.reason() + ")");
            }
        }
    }

    /** Samples every balancer of the shown client and redraws the board. */
    void frame() {
        Map<String, List<Row>> services = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : order.entrySet()) {
            String service = e.getKey();
            Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
            shown.balancers(service).forEach((name, b) -> counts.put(name, sample(name, b)));
            lastCounts.put(service, counts);
            services.put(service, rows(service, e.getValue(), counts));
        }
        screen.board(Board.render(title + " " + style.dot() + " " + clock().strip(), services, List.of(shown.zone(), other.zone()), shown.zone(), style));
    }

    Map<String, Integer> sample(String strategy, Balancer b) {
        boolean tracked = strategy.equals(Strategies.P2C);
        return shares.sample(b, tracked, i -> {
            DemoInstance d = instances.get(i.id());
            return d == null || d.failsCalls() ? null : Duration.ofMillis(d.spec().latencyMillis());
        }, null);
    }

    private List<Row> rows(String service, List<String> ids, Map<String, Map<String, Integer>> counts) {
        InstanceSet a = shown.cache(service).snapshot();
        InstanceSet b = other.cache(service).snapshot();
        List<Row> rows = new ArrayList<>();
        for (String id : ids) {
            ServiceInstance inA = a.byId(id);
            double[] s = new double[Strategies.NAMES.size()];
            for (int k = 0; k < s.length; k++) {
                Map<String, Integer> c = counts.get(Strategies.NAMES.get(k));
                s[k] = inA == null || c == null ? Double.NaN : c.getOrDefault(id, 0) / (double) Shares.PICKS;
            }
            InstanceSpec spec = instances.get(id).spec();
            rows.add(new Row(id, spec.zone(), spec.weight(), new boolean[] {inA != null, b.byId(id) != null},
                    weightShare(a, id), s, notes.getOrDefault(id, "")));
        }
        return rows;
    }

    /** {@code id}'s weight over the pickable weights of {@code set}; NaN when absent. */
    static double weightShare(InstanceSet set, String id) {
        ServiceInstance i = set.byId(id);
        if (i == null || !i.isPickable()) {
            return Double.NaN;
        }
        long total = 0;
        for (ServiceInstance s : set.instances()) {
            total += s.isPickable() ? s.weight() : 0;
        }
        return total == 0 ? Double.NaN : i.weight() / (double) total;
    }

    /** The last sampled share of {@code id} under {@code strategy} (0 when not picked). */
    double share(String service, String strategy, String id) {
        Map<String, Integer> c = lastCounts.getOrDefault(service, Map.of()).get(strategy);
        return c == null ? 0 : c.getOrDefault(id, 0) / (double) Shares.PICKS;
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
