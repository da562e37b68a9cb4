package io.sextant.cli.internal.demo;

import io.sextant.cli.internal.Texts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.sextant.cli.internal.demo.DemoActs.FAILING;
import static io.sextant.cli.internal.demo.DemoActs.ORDERS;

/**
 * The act where the failing instance is restarted: the old process deregisters, a new one (a new
 * instance id) registers, and slow start ramps its share up; the ramp is sampled at quarters of the
 * window.
 */
final class RestartAct {
    private final DemoActs acts;
    private final DemoStage stage;
    private final DemoBackend backend;

    RestartAct(DemoActs acts, DemoStage stage, DemoBackend backend) {
        this.acts = acts;
        this.stage = stage;
        this.backend = backend;
    }

    void run() throws InterruptedException {
        DemoInstance old = stage.instances.get(FAILING);
        InstanceSpec spec = old.spec().restarted(2);
        stage.caption(stage.style.cyan(stage.style.bullet()), FAILING + " is restarted: the old process deregisters,"
                + " the new one registers as " + spec.id());
        old.stop();
        stage.notes.put(FAILING, "deregistered");
        DemoInstance fresh = DemoInstance.start(backend, spec, false);
        stage.add(fresh);
        stage.notes.put(spec.id(), "slow start");
        Duration window = acts.slowStartWindow();
        stage.caption(stage.style.cyan(stage.style.bullet()), "slow start: wrr, p2c and maglev ramp " + spec.id()
                + " up from 10% of its weight over " + Texts.duration(window) + "; rr and zone-aware ignore weights");
        boolean seen = stage.dwell(Duration.ofSeconds(10),
                () -> stage.shown.cache(ORDERS).snapshot().byId(spec.id()) != null);
        if (!seen) {
            acts.failed("restart", spec.id() + " did not appear in the cache");
            return;
        }
        long t0 = System.nanoTime();
        List<String> ramp = new ArrayList<>();
        double[] marks = {0.0, 0.25, 0.5, 0.75, 1.0};
        int[] mark = {0};
        stage.dwell(window.plus(acts.part(0.05)).plus(Duration.ofMillis(500)), () -> {
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
        acts.summary().add(FAILING + " restarted", "slow start took " + spec.id() + "'s wrr share "
                + String.join(" " + stage.style.arrow() + " ", ramp) + " over " + Texts.duration(window));
        stage.screen.snapshot();
    }

}
