package io.sextant.cli.internal.demo;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.BalancerOptions;
import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;
import io.sextant.cli.internal.Texts;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The acts of the demo, in order: steady state, a process dies, an instance fails calls, it is
 * restarted under slow start. Each act captions what happens, shows it on the board, and adds its
 * measured outcome to the summary. Returns whether every act showed what it should.
 */
final class DemoActs {
    static final String ORDERS = "orders";
    static final String PAYMENTS = "payments";
    static final List<InstanceSpec> SPECS = List.of(
            new InstanceSpec(ORDERS, "orders-a1", "zone-a", 100, 12),
            new InstanceSpec(ORDERS, "orders-a2", "zone-a", 100, 12),
            new InstanceSpec(ORDERS, "orders-b1", "zone-b", 200, 8),
            new InstanceSpec(ORDERS, "orders-b2", "zone-b", 100, 15),
            new InstanceSpec(PAYMENTS, "payments-a1", "zone-a", 300, 5),
            new InstanceSpec(PAYMENTS, "payments-b1", "zone-b", 100, 9));
    static final String VICTIM = "orders-b2";
    static final String FAILING = "orders-a2";

    private final DemoStage stage;
    private final DemoBackend backend;
    private final Duration total;
    private final Duration ttl;
    private final Summary summary = new Summary();
    private boolean allShown = true;

    DemoActs(DemoStage stage, DemoBackend backend, Duration total, Duration ttl) {
        this.stage = stage;
        this.backend = backend;
        this.total = total;
        this.ttl = ttl;
    }

    /** Options of the shown client's balancers: quick breakers, fast retries. */
    static BalancerOptions options() {
        return BalancerOptions.DEFAULT
                .withCircuitBreakerConfig(CircuitBreakerConfig.custom().slidingWindowSize(10).minimumNumberOfCalls(5)
                        .failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(15)).build())
                .withRetryBackoff(Duration.ofMillis(1)).withMaxAttempts(3);
    }

    Duration slowStartWindow() {
        return max(Duration.ofSeconds(2), part(0.3));
    }

    Summary summary() {
        return summary;
    }

    boolean allShown() {
        return allShown;
    }

    void steady() {
        stage.caption(stage.style.cyan(stage.style.bullet()), "steady state: each strategy spreads the picks its own way");
        stage.dwell(part(0.2), () -> false);
        double wrr = 0;
        double maglev = 0;
        double rr = 0;
        for (String service : List.of(ORDERS, PAYMENTS)) {
            InstanceSet set = stage.shown.cache(service).snapshot();
            for (ServiceInstance i : set.instances()) {
                double w = DemoStage.weightShare(set, i.id());
                wrr = Math.max(wrr, Math.abs(stage.share(service, Strategies.WEIGHTED, i.id()) - w));
                maglev = Math.max(maglev, Math.abs(stage.share(service, Strategies.MAGLEV, i.id()) - w));
                rr = Math.max(rr, Math.abs(stage.share(service, Strategies.ROUND_ROBIN, i.id()) - 1.0 / set.size()));
            }
        }
        String result = String.format(Locale.ROOT, "wrr shares within %.1f pts of the weights, maglev within %.1f;"
                + " rr equal (within %.1f); zone-aware only zone-a", wrr * 100, maglev * 100, rr * 100);
        stage.caption(stage.style.green(stage.style.check()), result);
        summary.add("steady state", String.format(Locale.ROOT, "wrr matches the weights (%.1f pts), maglev within %.1f pts,"
                + " rr splits evenly, zone-aware keeps to zone-a", wrr * 100, maglev * 100));
        stage.screen.snapshot();
    }

    void processDies() {
        DemoInstance victim = stage.instances.get(VICTIM);
        String[] before = new String[Shares.PICKS];
        stage.shares.sample(stage.shown.balancers(ORDERS).get(Strategies.MAGLEV), false, i -> Duration.ZERO, before);
        long[] dropped = {0, 0};
        long t0 = System.nanoTime();
        stage.shown.cache(ORDERS).addListener(c -> c.removed().forEach(i -> {
            if (i.id().equals(VICTIM)) {
                dropped[0] = System.nanoTime();
            }
        }));
        stage.other.cache(ORDERS).addListener(c -> c.removed().forEach(i -> {
            if (i.id().equals(VICTIM)) {
                dropped[1] = System.nanoTime();
            }
        }));
        victim.crash();
        stage.notes.put(VICTIM, "process died");
        stage.caption(stage.style.red(stage.style.cross()), VICTIM + "'s process dies: its connection is cut and nothing is"
                + " deregistered; the backend expires it after the ttl (" + Texts.duration(ttl) + ")");
        boolean gone = stage.dwell(ttl.plus(Duration.ofSeconds(20)), () -> dropped[0] != 0 && dropped[1] != 0);
        if (!gone) {
            failed("process dies", VICTIM + " was still listed " + Texts.duration(ttl.plus(Duration.ofSeconds(20)))
                    + " after its process died");
            return;
        }
        stage.notes.put(VICTIM, "expired");
        String[] after = new String[Shares.PICKS];
        stage.shares.sample(stage.shown.balancers(ORDERS).get(Strategies.MAGLEV), false, i -> Duration.ZERO, after);
        int moved = 0;
        int movedFromVictim = 0;
        for (int k = 0; k < Shares.PICKS; k++) {
            if (!before[k].equals(after[k])) {
                moved++;
                movedFromVictim += before[k].equals(VICTIM) ? 1 : 0;
            }
        }
        String result = String.format(Locale.ROOT, "dropped by the zone-a client's cache after %s and the zone-b"
                + " client's after %s (ttl %s); maglev re-homed %.1f%% of the keys: %s's %.1f%% and %.1f%% others",
                Texts.duration(Duration.ofNanos(dropped[0] - t0)), Texts.duration(Duration.ofNanos(dropped[1] - t0)),
                Texts.duration(ttl), moved * 100.0 / Shares.PICKS, VICTIM, movedFromVictim * 100.0 / Shares.PICKS,
                (moved - movedFromVictim) * 100.0 / Shares.PICKS);
        stage.caption(stage.style.green(stage.style.check()), result);
        summary.add(VICTIM + " process died", String.format(Locale.ROOT, "expired from both caches after %s (ttl %s);"
                + " maglev moved %.1f%% of the keys (%s held %.1f%%)",
                Texts.duration(Duration.ofNanos(Math.max(dropped[0], dropped[1]) - t0)), Texts.duration(ttl),
                moved * 100.0 / Shares.PICKS, VICTIM, movedFromVictim * 100.0 / Shares.PICKS));
        stage.dwell(part(0.1), () -> false);
        stage.screen.snapshot();
    }

    void failingCalls() {
        DemoInstance failing = stage.instances.get(FAILING);
        Map<String, Balancer> balancers = stage.shown.balancers(ORDERS);
        Traffic traffic = new Traffic(stage.instances);
        failing.startFailing();
        stage.notes.put(FAILING, "failing calls");
        stage.caption(stage.style.red(stage.style.cross()), FAILING + " starts failing every call (it stays registered);"
                + " calls go through Balancer.execute, which retries elsewhere");
        long t0 = System.nanoTime();
        long[] openedAt = new long[Strategies.NAMES.size()];
        int[] next = {0};
        boolean allAway = stage.dwell(part(0.15).plus(Duration.ofSeconds(10)), () -> {
            for (int round = 0; round < 10; round++) {
                for (String name : Strategies.NAMES) {
                    traffic.call(balancers.get(name), stage.shares.context(next[0]++));
                }
            }
            boolean all = true;
            for (int k = 0; k < openedAt.length; k++) {
                String name = Strategies.NAMES.get(k);
                if (openedAt[k] == 0 && isOpen(balancers.get(name))) {
                    openedAt[k] = System.nanoTime();
                }
                all &= openedAt[k] != 0 || stage.share(ORDERS, name, FAILING) == 0;
            }
            return all && System.nanoTime() - t0 >= part(0.15).toNanos();
        });
        if (!allAway) {
            failed("failing calls", "picks still reach " + FAILING + " after it failed calls for "
                    + Texts.duration(Duration.ofNanos(System.nanoTime() - t0)));
            return;
        }
        long slowest = 0;
        List<String> opened = new ArrayList<>();
        List<String> avoided = new ArrayList<>();
        for (int k = 0; k < openedAt.length; k++) {
            slowest = Math.max(slowest, openedAt[k] == 0 ? 0 : openedAt[k] - t0);
            (openedAt[k] != 0 ? opened : avoided).add(Strategies.label(Strategies.NAMES.get(k)));
        }
        stage.notes.put(FAILING, "breaker open");
        double spill = stage.share(ORDERS, Strategies.ZONE_AWARE, "orders-b1");
        String result = String.format(Locale.ROOT, "breakers of %s opened in %d of %d balancers (%s) within %s%s;"
                + " %,d calls: %,d succeeded, %,d retried on another instance, %,d failed", FAILING,
                opened.size(), Strategies.NAMES.size(), String.join(", ", opened), Texts.duration(Duration.ofNanos(slowest)),
                avoided.isEmpty() ? "" : ", " + String.join(", ", avoided) + " steered away on its failure latency",
                traffic.calls(), traffic.succeeded(), traffic.retriedElsewhere(), traffic.failed());
        stage.caption(stage.style.green(stage.style.check()), result);
        if (spill > 0) {
            stage.caption(stage.style.cyan(stage.style.bullet()), "zone-aware spills over to zone-b: only half of"
                    + " zone-a is healthy now (its threshold is 70%)");
        }
        summary.add(FAILING + " failing calls", String.format(Locale.ROOT, "breakers opened in %d of %d balancers within %s%s;"
                + " %,d calls, %,d retried elsewhere, %,d failed", opened.size(), Strategies.NAMES.size(),
                Texts.duration(Duration.ofNanos(slowest)), avoided.isEmpty() ? "" : " (" + String.join(", ", avoided)
                        + " avoided it by latency)", traffic.calls(), traffic.retriedElsewhere(), traffic.failed()));
        stage.screen.snapshot();
    }

    void restart() throws InterruptedException {
        DemoInstance old = stage.instances.get(FAILING);
        InstanceSpec spec = old.spec().restarted(2);
        stage.caption(stage.style.cyan(stage.style.bullet()), FAILING + " is restarted: the old process deregisters,"
                + " the new one registers as " + spec.id());
        old.stop();
        stage.notes.put(FAILING, "deregistered");
        DemoInstance fresh = DemoInstance.start(backend, spec, false);
        stage.add(fresh);
        stage.notes.put(spec.id(), "slow start");
        Duration window = slowStartWindow();
        stage.caption(stage.style.cyan(stage.style.bullet()), "slow start: wrr, p2c and maglev ramp " + spec.id()
                + " up from 10% of its weight over " + Texts.duration(window) + "; rr and zone-aware ignore weights");
        boolean seen = stage.dwell(Duration.ofSeconds(10),
                () -> stage.shown.cache(ORDERS).snapshot().byId(spec.id()) != null);
        if (!seen) {
            failed("restart", spec.id() + " did not appear in the cache");
            return;
        }
        long t0 = System.nanoTime();
        List<String> ramp = new ArrayList<>();
        double[] marks = {0.0, 0.25, 0.5, 0.75, 1.0};
        int[] mark = {0};
        stage.dwell(window.plus(part(0.05)).plus(Duration.ofMillis(500)), () -> {
            double progress = (System.nanoTime() - t0) / (double) window.toNanos();
            if (mark[0] < marks.length && progress >= marks[mark[0]]) {
                ramp.add(DemoStage.pct(stage.share(ORDERS, Strategies.WEIGHTED, spec.id())));
                mark[0]++;
            }
            if (progress >= 1.0) {
                stage.notes.remove(spec.id());
            }
            return false;
        });
        double target = DemoStage.weightShare(stage.shown.cache(ORDERS).snapshot(), spec.id());
        String result = "slow start ramped " + spec.id() + "'s wrr share " + String.join(" " + stage.style.arrow() + " ", ramp)
                + " over " + Texts.duration(window) + " (weight share " + DemoStage.pct(target) + ")";
        stage.caption(stage.style.green(stage.style.check()), result);
        summary.add(FAILING + " restarted", "slow start took " + spec.id() + "'s wrr share "
                + String.join(" " + stage.style.arrow() + " ", ramp) + " over " + Texts.duration(window));
        stage.screen.snapshot();
    }

    private static boolean isOpen(Balancer b) {
        return b.circuitBreaker(FAILING).map(cb -> cb.getState() == CircuitBreaker.State.OPEN).orElse(false);
    }

    private void failed(String act, String what) {
        allShown = false;
        stage.caption(stage.style.red(stage.style.cross()), what);
        summary.add(act, "NOT SHOWN: " + what);
    }

    private Duration part(double share) {
        return Duration.ofMillis(Math.round(total.toMillis() * share));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
