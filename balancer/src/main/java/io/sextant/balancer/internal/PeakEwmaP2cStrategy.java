package io.sextant.balancer.internal;

import io.sextant.balancer.spi.Hashing;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.InstanceLoad;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.random.RandomGenerator;

/**
 * Power of two choices over peak-EWMA cost, as in Finagle's and Linkerd's "P2C + PeakEWMA"
 * balancers (Mitzenmacher's two random choices; cost = latency estimate × (in flight + 1)). Two
 * distinct candidates are drawn from one random long and the cheaper, per unit of weight, wins.
 * Instances without a latency sample borrow the balancer-wide average, so a newcomer is neither
 * shunned nor flooded; failures are recorded at least as slow as the failure penalty, and every
 * estimate decays with age so an avoided instance is tried again later.
 */
final class PeakEwmaP2cStrategy implements Strategy {
    private final RandomGenerator random;

    PeakEwmaP2cStrategy(RandomGenerator random) {
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
        if (n == 1) {
            ServiceInstance only = instances[0];
            return context -> only;
        }
        RandomGenerator r = random;
        return new Picker() {
            @Override
            public ServiceInstance pick(PickContext context) {
                long bits = r.nextLong();
                int a = Hashing.reduce(bits, n);
                int b = Hashing.reduce(bits << 32, n - 1);
                if (b >= a) {
                    b++;
                }
                long now = candidates.recentNanos();
                double typical = candidates.typicalLatencyNanos();
                return cost(a, now, typical) <= cost(b, now, typical) ? instances[a] : instances[b];
            }

            private double cost(int i, long now, double typical) {
                InstanceLoad l = loads[i];
                double latency = l.latencyNanos(now);
                return ((latency == 0 ? typical : latency) + 1) * (l.inFlight() + 1) * inverseWeight[i];
            }
        };
    }
}
