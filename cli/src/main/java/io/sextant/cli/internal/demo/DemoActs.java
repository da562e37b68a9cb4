package io.sextant.cli.internal.demo;

import io.sextant.balancer.BalancerOptions;
import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;
import io.sextant.cli.internal.Texts;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

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

    void failingCalls() {
        new FailingCallsAct(this, stage).run();
    }

    void restart() throws InterruptedException {
        new RestartAct(this, stage, backend).run();
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


    void failed(String act, String what) {
        allShown = false;
        stage.caption(stage.style.red(stage.style.cross()), what);
        summary.add(act, "NOT SHOWN: " + what);
    }

    /** {@code share} of the demo's duration. */
    Duration part(double share) {
        return Duration.ofMillis(Math.round(total.toMillis() * share));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
