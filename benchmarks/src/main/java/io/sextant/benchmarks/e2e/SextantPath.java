package io.sextant.benchmarks.e2e;

import io.sextant.InstanceSetChange;
import io.sextant.InstanceUpdate;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;

import java.time.Duration;
import java.util.Map;

/** Sextant: one registry updates its registration, another registry's cache receives it. */
final class SextantPath {
    private SextantPath() {
    }

    static Latencies propagation(String name, SextantConfig config, int warmup, int n) throws Exception {
        try (Registry writer = Registry.open(config); Registry reader = Registry.open(config)) {
            ServiceCache cache = reader.cache("bench");
            if (!cache.awaitReady(Duration.ofSeconds(20))) {
                throw new IllegalStateException(name + ": cache not ready");
            }
            Signal signal = new Signal();
            cache.addListener(change -> observe(change, signal));
            Registration reg = writer.register(ServiceInstance.builder("bench").id("w").host("127.0.0.1").port(9000)
                    .metadata(Map.of("seq", "0")).build());
            if (signal.await(0, System.nanoTime(), 20_000) < 0) {
                throw new IllegalStateException(name + ": registration never arrived; cache " + cache.snapshot()
                        + ", records " + reader.services().get());
            }
            Latencies out = new Latencies(name, n);
            for (int seq = 1; seq <= warmup + n; seq++) {
                long t0 = System.nanoTime();
                reg.updateMetadata(Map.of("seq", Integer.toString(seq)));
                long took = signal.await(seq, t0, 10_000);
                if (took < 0) {
                    throw new IllegalStateException(name + ": update " + seq + " never arrived");
                }
                if (seq > warmup) {
                    out.add(took);
                }
            }
            return out;
        }
    }

    private static void observe(InstanceSetChange change, Signal signal) {
        for (ServiceInstance i : change.added()) {
            signal.saw(Long.parseLong(i.metadata().getOrDefault("seq", "-1")));
        }
        for (InstanceUpdate u : change.updated()) {
            signal.saw(Long.parseLong(u.current().metadata().getOrDefault("seq", "-1")));
        }
    }

    /** Registers {@code count} instances at once; nanoseconds until another client's cache has them all. */
    static long scale(SextantConfig config, int count) throws Exception {
        try (Registry writer = Registry.open(config); Registry reader = Registry.open(config)) {
            ServiceCache cache = reader.cache("scale");
            cache.awaitReady(Duration.ofSeconds(20));
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                writer.registerAsync(ServiceInstance.builder("scale").id("s-" + i).host("127.0.0.1").port(10_000 + i).build());
            }
            while (cache.snapshot().size() < count) {
                if (System.nanoTime() - t0 > 120_000_000_000L) {
                    throw new IllegalStateException("scale: only " + cache.snapshot().size() + " arrived");
                }
                Thread.onSpinWait();
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
            return System.nanoTime() - t0;
        }
    }
}
