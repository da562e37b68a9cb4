package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Picker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counting and goodness-of-fit helpers for distribution tests. */
final class Stats {
    private Stats() {
    }

    static Map<String, Integer> count(Picker picker, PickContext ctx, int picks) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            counts.merge(picker.pick(ctx).id(), 1, Integer::sum);
        }
        return counts;
    }

    /** Pearson's chi-square of {@code counts} against shares proportional to the instances' weights. */
    static double chiSquare(Map<String, Integer> counts, List<ServiceInstance> instances, int picks) {
        double total = instances.stream().mapToInt(ServiceInstance::weight).sum();
        double chi = 0;
        for (ServiceInstance s : instances) {
            double expected = picks * s.weight() / total;
            double d = counts.getOrDefault(s.id(), 0) - expected;
            chi += d * d / expected;
        }
        return chi;
    }

    /**
     * The chi-square value exceeded with probability 0.001 for {@code df} degrees of freedom
     * (Wilson–Hilferty approximation, accurate to about 1% here).
     */
    static double critical(int df) {
        double z = 3.0902; // standard normal quantile for 0.999
        double a = 2.0 / (9.0 * df);
        return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
    }
}
