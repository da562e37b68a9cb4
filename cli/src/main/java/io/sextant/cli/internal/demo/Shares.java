package io.sextant.cli.internal.demo;

import io.sextant.balancer.Balancer;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.TrackedPick;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where 10,000 picks of a balancer go. Picks carry a request key (for Maglev) and the client's zone
 * (for zone-aware). For the load-aware strategy the picks are tracked calls: each completes with the
 * instance's simulated latency, or fails when the instance fails calls, so its estimates and breakers
 * follow what calls would see; {@value #CONCURRENCY} calls are in flight at a time.
 */
final class Shares {
    static final int PICKS = 10_000;
    static final int CONCURRENCY = 16;

    private final PickContext[] contexts;

    Shares(String zone) {
        contexts = new PickContext[PICKS];
        for (int i = 0; i < PICKS; i++) {
            contexts[i] = PickContext.ofKey("user-" + i).withZone(zone);
        }
    }

    /** The i-th of the fixed request contexts. */
    PickContext context(int i) {
        return contexts[Math.floorMod(i, PICKS)];
    }

    /**
     * Picks {@value #PICKS} times; {@code latency} gives a call's latency, or {@code null} when the call
     * to that instance fails.
     *
     * @param picked when not null, receives the id picked for each context (for key movement)
     * @return picks per instance id
     */
    Map<String, Integer> sample(Balancer balancer, boolean tracked, Function<ServiceInstance, Duration> latency,
                                String[] picked) {
        Map<String, Integer> counts = new HashMap<>();
        TrackedPick[] window = tracked ? new TrackedPick[CONCURRENCY] : null;
        try {
            for (int i = 0; i < PICKS; i++) {
                ServiceInstance s;
                if (tracked) {
                    // Calls overlap: the oldest of CONCURRENCY calls in flight finishes before the next starts.
                    finish(window[i % CONCURRENCY], latency, i);
                    window[i % CONCURRENCY] = balancer.start(contexts[i]);
                    s = window[i % CONCURRENCY].instance();
                } else {
                    s = balancer.pick(contexts[i]);
                }
                counts.merge(s.id(), 1, Integer::sum);
                if (picked != null) {
                    picked[i] = s.id();
                }
            }
        } catch (NoInstanceAvailableException e) {
            return counts;
        } finally {
            if (tracked) {
                for (int k = 0; k < CONCURRENCY; k++) {
                    finish(window[k], latency, k);
                }
            }
        }
        return counts;
    }

    private static void finish(TrackedPick t, Function<ServiceInstance, Duration> latency, int i) {
        if (t == null) {
            return;
        }
        Duration d = latency.apply(t.instance());
        if (d == null) {
            t.failure(new IOException("call to " + t.instance().id() + " failed"));
        } else {
            // +-25% jitter, fixed per call index, so equal instances do not tie
            t.success(d.multipliedBy(75 + Math.floorMod(i * 31, 51)).dividedBy(100));
        }
    }
}
