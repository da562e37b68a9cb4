package io.sextant.benchmarks.e2e;

import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.SextantConfig;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.x.discovery.ServiceDiscovery;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/** kill -9 of a registering JVM until a watcher in this JVM no longer lists it. */
final class FailureDetection {
    private FailureDetection() {
    }

    static Latencies sextant(String name, SextantConfig config, int rounds) throws Exception {
        List<String> args = new ArrayList<>();
        config.properties().forEach((k, v) -> args.add(k + "=" + v));
        try (Registry reader = Registry.open(config)) {
            ServiceCache cache = reader.cache("victim");
            cache.awaitReady(Duration.ofSeconds(20));
            return measure(name, rounds, round -> {
                List<String> a = new ArrayList<>(List.of("sextant", "v-" + round));
                a.addAll(args);
                return a;
            }, () -> cache.snapshot().size());
        }
    }

    static Latencies curatorX(String connect, int sessionMillis, int rounds) throws Exception {
        try (CuratorFramework rc = ZooKeeperPaths.client(connect, 10_000);
             ServiceDiscovery<String> reader = ZooKeeperPaths.discovery(rc);
             org.apache.curator.x.discovery.ServiceCache<String> cache = ZooKeeperPaths.cache(reader, "victim", () -> { })) {
            return measure("Curator x-discovery (session " + sessionMillis + " ms)", rounds,
                    round -> List.of("curator-x", "v-" + round, connect, Integer.toString(sessionMillis)),
                    () -> cache.getInstances().size());
        }
    }

    interface Args {
        List<String> of(int round);
    }

    private static Latencies measure(String name, int rounds, Args args, IntSupplier visible) throws Exception {
        Latencies out = new Latencies(name, rounds);
        for (int round = 0; round < rounds; round++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-cp", System.getProperty("java.class.path"), ChildMain.class.getName()));
            cmd.addAll(args.of(round));
            Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                BufferedReader out1 = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String line = out1.readLine();
                if (!"READY".equals(line)) {
                    throw new IllegalStateException(name + ": child did not start");
                }
                waitFor(() -> visible.getAsInt() == 1, "child visible");
                long t0 = System.nanoTime();
                child.destroyForcibly();
                waitFor(() -> visible.getAsInt() == 0, "child dropped");
                out.add(System.nanoTime() - t0);
            } finally {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return out;
    }

    interface Condition {
        boolean holds();
    }

    private static void waitFor(Condition c, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!c.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            LockSupport.parkNanos(200_000);
        }
    }
}
