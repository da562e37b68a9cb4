package io.sextant.cli.internal;

import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code sextant check}: what works against a cluster, step by step: endpoints reachable, connect
 * (and authenticate), a test write and delete, watch delivery, the services there.
 */
@Command(name = "check", header = "Check what works against a cluster: endpoints, credentials, a write, the watch.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Connect with the given configuration and report what works: reachable endpoints,"
                + " connection and authentication, a test registration written and deleted under the"
                + " namespace, and how long the watch took to deliver it. Exit code 0 when everything works, 1"
                + " otherwise."
        })
public final class CheckCommand implements Callable<Integer> {
    static final String CHECK_SERVICE = "sextant-check";

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    CommonOptions common;

    private Style style;
    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        SextantConfig config = connection.config();
        CliContext context = RootCommand.context(spec);
        style = new Style(context.terminal() && System.getenv("NO_COLOR") == null, context.unicode());
        out = spec.commandLine().getOut();
        out.println("checking " + config.backend() + " (namespace '" + config.namespace() + "')");
        List<Endpoints.Probe> probes = Endpoints.probe(config);
        long reachable = probes.stream().filter(Endpoints.Probe::reachable).count();
        for (Endpoints.Probe p : probes) {
            line(p.reachable(), "endpoint", p.endpoint() + (p.reachable() ? " reachable in " + p.millis() + " ms"
                    : " not reachable: " + p.error()));
        }
        if (!probes.isEmpty() && reachable == 0) {
            return fail("no endpoint is reachable");
        }
        long t0 = System.nanoTime();
        Registry registry;
        try {
            registry = Registries.open(config);
        } catch (RuntimeException e) {
            line(false, "connect", ErrorReporter.describe(e));
            return fail(ErrorReporter.describe(e));
        }
        try (registry) {
            String auth = config.property("sextant.auth.user") == null ? ", no credentials configured"
                    : " as user '" + config.property("sextant.auth.user") + "'";
            line(true, "connect", "connected in " + ms(t0) + " ms" + auth);
            return writeAndWatch(registry, config);
        }
    }

    private int writeAndWatch(Registry registry, SextantConfig config) throws InterruptedException {
        ServiceCache cache = Registries.readyCache(registry, CHECK_SERVICE);
        String id = "check-" + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch seen = new CountDownLatch(1);
        CountDownLatch gone = new CountDownLatch(1);
        long[] seenAt = new long[2];
        cache.addListener(change -> {
            if (change.added().stream().anyMatch(i -> i.id().equals(id))) {
                seenAt[0] = System.nanoTime();
                seen.countDown();
            }
            if (change.removed().stream().anyMatch(i -> i.id().equals(id))) {
                seenAt[1] = System.nanoTime();
                gone.countDown();
            }
        });
        Duration wait = config.requestTimeout();
        long t0 = System.nanoTime();
        Registration r;
        try {
            r = registry.register(ServiceInstance.builder(CHECK_SERVICE).id(id).host("127.0.0.1").port(1)
                    .metadata(Map.of("purpose", "sextant check")).build());
        } catch (RuntimeException e) {
            line(false, "write", "test registration failed: " + ErrorReporter.describe(e));
            return fail("cannot write under namespace '" + config.namespace() + "'");
        }
        long written = System.nanoTime();
        boolean delivered = seen.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        long d0 = System.nanoTime();
        r.close();
        long deleted = System.nanoTime();
        boolean removed = gone.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        line(true, "write", "wrote and deleted " + CHECK_SERVICE + "/" + id + " (write " + (written - t0) / 1_000_000
                + " ms, delete " + (deleted - d0) / 1_000_000 + " ms)");
        if (!delivered || !removed) {
            line(false, "watch", "the watch did not deliver the " + (delivered ? "delete" : "write") + " within "
                    + Texts.duration(wait));
            return fail("watch delivery too slow or broken");
        }
        line(true, "watch", String.format(java.util.Locale.ROOT,
                "delivered the write %.1f ms after it completed, the delete %.1f ms after it began",
                (seenAt[0] - written) / 1e6, (seenAt[1] - d0) / 1e6));
        services(registry, config);
        out.println(style.green("all checks passed"));
        out.flush();
        return ExitCodes.OK;
    }

    private void services(Registry registry, SextantConfig config) {
        try {
            Set<String> names = new TreeSet<>(registry.services().get(config.requestTimeout().toMillis(),
                    TimeUnit.MILLISECONDS));
            names.remove(CHECK_SERVICE);
            List<String> shown = new ArrayList<>(names).subList(0, Math.min(names.size(), 8));
            line(true, "services", names.size() + " registered" + (names.isEmpty() ? ""
                    : ": " + String.join(", ", shown) + (names.size() > shown.size() ? ", ..." : "")));
        } catch (Exception e) {
            line(false, "services", "listing failed: " + ErrorReporter.describe(e));
        }
    }

    private int fail(String why) {
        out.println(style.red("check failed: " + why));
        out.flush();
        return ExitCodes.FAILED;
    }

    private void line(boolean ok, String what, String text) {
        out.println("  " + (ok ? style.green(style.check()) : style.red(style.cross())) + " "
                + String.format("%-9s", what) + " " + text);
        out.flush();
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
