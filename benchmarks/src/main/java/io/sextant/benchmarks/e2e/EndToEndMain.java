package io.sextant.benchmarks.e2e;

import io.sextant.SextantConfig;
import io.sextant.zookeeper.EmbeddedZooKeeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the end-to-end benchmarks on servers it starts on loopback (an embedded ZooKeeper, and an etcd
 * member from the {@code etcd} binary when it is on PATH) and prints Markdown tables.
 *
 * <p>Options: {@code --n N} measured updates per path (default 500), {@code --warmup N} (100),
 * {@code --rounds N} kill -9 rounds per library (3), {@code --ttl D} lease TTL and session timeout
 * for failure detection (3s), {@code --scale N} instances for the scale run (1000), {@code --only etcd} or
 * {@code --only zookeeper} to run one backend.
 */
public final class EndToEndMain {
    private EndToEndMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = intOption(args, "--n", 500);
        int warmup = intOption(args, "--warmup", 100);
        int rounds = intOption(args, "--rounds", 3);
        int scale = intOption(args, "--scale", 1000);
        Duration ttl = SextantConfig.parseDuration("--ttl", option(args, "--ttl", "3s"));
        String only = option(args, "--only", "all");

        List<Latencies> propagation = new ArrayList<>();
        List<Latencies> detection = new ArrayList<>();
        List<String> scaleRows = new ArrayList<>();
        if (!only.equals("etcd")) {
            runZooKeeper(warmup, n, rounds, scale, ttl, propagation, detection, scaleRows);
        }
        if (only.equals("zookeeper")) {
            // etcd not asked for
        } else if (EtcdProcess.available()) {
            runEtcd(warmup, n, rounds, scale, ttl, propagation, detection, scaleRows);
        } else {
            System.out.println("(etcd not on PATH: etcd paths skipped)");
        }
        print(scale, propagation, detection, scaleRows);
    }

    private static void runZooKeeper(int warmup, int n, int rounds, int scale, Duration ttl, List<Latencies> propagation,
                                     List<Latencies> detection, List<String> scaleRows) throws Exception {
        try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper().start()) {
            String connect = zk.connectString();
            SextantConfig zkConfig = SextantConfig.builder().backend("zookeeper").namespace("bench")
                    .set("sextant.zookeeper.connect", connect).ttl(ttl).build();
            propagation.add(ZooKeeperPaths.raw(connect, warmup, n));
            propagation.add(ZooKeeperPaths.curatorX(connect, warmup, n));
            propagation.add(SextantPath.propagation("Sextant on ZooKeeper: update -> ServiceCache", zkConfig, warmup, n));
            detection.add(FailureDetection.curatorX(connect, (int) ttl.toMillis(), rounds));
            detection.add(FailureDetection.sextant("Sextant on ZooKeeper (session " + ttl.toMillis() + " ms)",
                    zkConfig, rounds));
            scaleRows.add(scaleRow("Curator x-discovery on ZooKeeper", scale, ZooKeeperPaths.curatorXScale(connect, scale)));
            scaleRows.add(scaleRow("Sextant on ZooKeeper", scale, SextantPath.scale(zkConfig, scale)));
        }
    }

    private static void runEtcd(int warmup, int n, int rounds, int scale, Duration ttl, List<Latencies> propagation,
                                List<Latencies> detection, List<String> scaleRows) throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start()) {
                SextantConfig etcdConfig = SextantConfig.builder().backend("etcd").namespace("bench")
                        .set("sextant.etcd.endpoints", etcd.endpoint()).ttl(ttl).build();
                propagation.add(EtcdRawPath.raw(etcd.endpoint(), warmup, n));
                propagation.add(SextantPath.propagation("Sextant on etcd: update -> ServiceCache", etcdConfig, warmup, n));
                detection.add(FailureDetection.sextant("Sextant on etcd (lease TTL " + ttl.toMillis() + " ms)",
                        etcdConfig, rounds));
                scaleRows.add(scaleRow("Sextant on etcd", scale, SextantPath.scale(etcdConfig, scale)));
        }
    }

    private static void print(int scale, List<Latencies> propagation, List<Latencies> detection, List<String> scaleRows) {
        System.out.println();
        System.out.println("Propagation: a change by one client until another client's cache has it");
        System.out.println(Latencies.header());
        propagation.forEach(l -> System.out.println(l.row()));
        System.out.println();
        System.out.println("Failure detection: kill -9 of a registering JVM until a watcher drops it");
        System.out.println(Latencies.header());
        detection.forEach(l -> System.out.println(l.row()));
        System.out.println();
        System.out.println("Scale: register " + scale + " instances until another client's cache has them all");
        System.out.println("| library | instances | seconds |\n|---|---|---|");
        scaleRows.forEach(System.out::println);
    }

    private static String scaleRow(String name, int count, long nanos) {
        return String.format(Locale.ROOT, "| %s | %d | %.2f |", name, count, nanos / 1e9);
    }

    private static String option(String[] args, String name, String dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }

    private static int intOption(String[] args, String name, int dflt) {
        return Integer.parseInt(option(args, name, Integer.toString(dflt)));
    }
}
