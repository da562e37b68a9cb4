package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.InstanceLoad;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.random.RandomGenerator;

/**
 * Least in-flight ("least connections"): scans every candidate for the lowest
 * (in flight + recent failures + 1) / weight and breaks ties uniformly at random by reservoir
 * sampling. Recent failures decay with age, so a fast-failing instance does not look idle for long
 * and is not flooded. O(n) per pick; use {@code p2c-peak-ewma} for large sets.
 */
final class LeastInFlightStrategy implements Strategy {
    private final RandomGenerator random;

    LeastInFlightStrategy(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public boolean isWeightAware() {
        return true;
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        ServiceInstance[] instances = Pickers.instances(candidates);
        int n = instances.length;
        InstanceLoad[] loads = new InstanceLoad[n];
        double[] inverseWeight = new double[n];
        for (int i = 0; i < n; i++) {
            loads[i] = candidates.load(i);
            inverseWeight[i] = 1.0 / candidates.weight(i);
        }
        RandomGenerator r = random;
        return new Picker() {
            @Override
            public ServiceInstance pick(PickContext context) {
                long now = candidates.recentNanos();
                int best = 0;
                double bestScore = Double.MAX_VALUE;
                int ties = 0;
                for (int i = 0; i < n; i++) {
                    InstanceLoad l = loads[i];
                    double score = (l.inFlight() + l.recentFailures(now) + 1) * inverseWeight[i];
                    if (score < bestScore) {
                        bestScore = score;
                        best = i;
                        ties = 1;
                    } else if (score == bestScore && r.nextInt(++ties) == 0) {
                        best = i;
                    }
                }
                return instances[best];
            }
        };
    }
}
