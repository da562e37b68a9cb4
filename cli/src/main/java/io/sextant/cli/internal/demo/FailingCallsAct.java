package io.sextant.cli.internal.demo;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sextant.balancer.Balancer;
import io.sextant.cli.internal.Texts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.sextant.cli.internal.demo.DemoActs.FAILING;
import static io.sextant.cli.internal.demo.DemoActs.ORDERS;

/**
 * The act where an instance fails every call: calls go through {@code Balancer.execute} on every
 * strategy's balancer until each one stops picking the instance (its breaker opens, or a load-aware
 * strategy steers away on the failures' latency), while every call still succeeds elsewhere.
 */
final class FailingCallsAct {
    private final DemoActs acts;
    private final DemoStage stage;

    FailingCallsAct(DemoActs acts, DemoStage stage) {
        this.acts = acts;
        this.stage = stage;
    }

    void run() {
        DemoInstance failing = stage.instances.get(FAILING);
        Map<String, Balancer> balancers = stage.shown.balancers(ORDERS);
        Traffic traffic = new Traffic(stage.instances);
        failing.startFailing();
        stage.notes.put(FAILING, "failing calls");
        stage.caption(stage.style.red(stage.style.cross()), FAILING + " starts failing every call with a 503 (it stays registered);"
                + " calls go through Balancer.execute, which retries elsewhere");
        long t0 = System.nanoTime();
        long[] openedAt = new long[Strategies.NAMES.size()];
        int[] next = {0};
        boolean allAway = stage.dwell(acts.part(0.15).plus(Duration.ofSeconds(10)), () -> {
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
            return all && System.nanoTime() - t0 >= acts.part(0.15).toNanos();
        });
        if (!allAway) {
            acts.failed("failing calls", "picks still reach " + FAILING + " after it failed calls for "
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
        acts.summary().add(FAILING + " failing calls", String.format(Locale.ROOT, "breakers opened in %d of %d balancers within %s%s;"
                + " %,d calls, %,d retried elsewhere, %,d failed", opened.size(), Strategies.NAMES.size(),
                Texts.duration(Duration.ofNanos(slowest)), avoided.isEmpty() ? "" : " (" + String.join(", ", avoided)
                        + " avoided it by latency)", traffic.calls(), traffic.retriedElsewhere(), traffic.failed()));
        stage.screen.snapshot();
    }

    private static boolean isOpen(Balancer b) {
        return b.circuitBreaker(FAILING).map(cb -> cb.getState() == CircuitBreaker.State.OPEN).orElse(false);
    }
}
