package io.sextant.cli.internal.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Starts the demo's instances and clients, and stops them all at the end (whatever happened). */
final class DemoSetup {
    private static final int PARALLEL_STARTS = 3;

    private DemoSetup() {
    }

    static void start(DemoStage stage, DemoBackend backend, DemoActs acts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_STARTS, r -> {
            Thread t = new Thread(r, "sextant-demo-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<DemoInstance>> started = new ArrayList<>();
            for (InstanceSpec spec : DemoActs.SPECS) {
                started.add(pool.submit(() -> DemoInstance.start(backend, spec, spec.id().equals(DemoActs.VICTIM))));
            }
            for (Future<DemoInstance> f : started) {
                stage.add(unwrap(f));
            }
            List<String> services = List.of(DemoActs.ORDERS, DemoActs.PAYMENTS);
            Future<DemoClient> a = pool.submit(() -> DemoClient.open(backend.config(), "zone-a", services));
            Future<DemoClient> b = pool.submit(() -> DemoClient.open(backend.config(), "zone-b", services));
            stage.shown = unwrap(a);
            stage.other = unwrap(b);
        } finally {
            pool.shutdown();
        }
        stage.shown.addBalancers(DemoActs.options(), acts.slowStartWindow());
        stage.shares = new Shares(stage.shown.zone());
        stage.caption(stage.style.cyan(stage.style.bullet()), "registered " + DemoActs.SPECS.size()
                + " instances of 2 services in 2 zones, each with its own registry (as separate processes would)");
        stage.caption(stage.style.cyan(stage.style.bullet()), "clients in zone-a and zone-b watch both services;"
                + " the shares are where 10,000 picks of the zone-a client go");
    }

    static void stop(DemoStage stage) {
        for (DemoInstance d : stage.instances.values()) {
            try {
                d.close();
            } catch (RuntimeException e) {
                // best effort: the demo is over; the records expire with their sessions or leases
            }
        }
        for (DemoClient c : new DemoClient[] {stage.shown, stage.other}) {
            if (c != null) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    // best effort, as above
                }
            }
        }
    }

    private static <T> T unwrap(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}
