package io.sextant.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.balancer.Balancer;

/** The README's Micrometer code, kept here so the build compiles it (the tests run the same calls). */
final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    static Balancer bind(Registry registry, MeterRegistry meterRegistry, Balancer balancer, ServiceCache payments) {
        // README:micrometer:begin
        SextantMetrics metrics = SextantMetrics.of(registry);           // tags every meter backend=<etcd|zookeeper|memory>
        metrics.bindTo(meterRegistry);
        BalancerMetrics bm = metrics.balancer(balancer, payments)      // the balancer and the cache it balances over
                .withPicksPerInstance(true);                            // opt-in: one series per instance
        bm.bindTo(meterRegistry);
        Balancer measured = bm.measured();                             // call through this one to count picks and retries
        // README:micrometer:end
        return measured;
    }
}
