package io.sextant.cli.internal;

import io.sextant.ConnectionStateChangedEvent;
import io.sextant.InstanceSet;
import io.sextant.InstanceSetChange;
import io.sextant.InstanceUpdate;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceCacheListener;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sextant watch SERVICE}: every change of a service's instances as it happens. */
@Command(name = "watch", header = "Print every change of a service's instances as it happens.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Print every change of SERVICE's instances as it happens (added, removed, updated with the"
                + " fields that changed), the backend connection's changes (SUSPENDED, LOST, RECONNECTED)"
                + " and the view going stale and fresh again with it, until Ctrl-C (or --duration)."
        })
public final class WatchCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service to watch.")
    String service;

    @Option(names = "--json", description = "One JSON object per line: {\"event\":\"present\"|\"added\"|\"removed\"|\"updated\"|\"stale\"|\"fresh\"|\"connection\", ...}.")
    boolean json;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long instead of at Ctrl-C.")
    String duration;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Duration limit = duration == null ? null : SextantConfig.parseDuration("--duration", duration);
        SextantConfig config = connection.config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Shutdown shutdown = RootCommand.context(spec).shutdown();
        shutdown.arm();
        try (Registry registry = Registries.open(config)) {
            ServiceCache cache = registry.cache(service);
            Object lock = new Object();
            InstanceSet[] baseline = new InstanceSet[1];
            // Changes up to the baseline snapshot are printed as "present"; later ones as they come.
            ServiceCacheListener listener = change -> {
                synchronized (lock) {
                    if (baseline[0] != null && change.current().revision() > baseline[0].revision()) {
                        print(out, change);
                    }
                }
            };
            cache.addListener(listener);
            registry.addStateListener(e -> {
                synchronized (lock) {
                    printConnection(out, e);
                }
            });
            ServiceCache ready = Registries.awaitReady(registry, cache);
            synchronized (lock) {
                // on stderr, so stdout holds only the events (JSON lines with --json)
                err.println("watching '" + service + "' in namespace '" + config.namespace() + "' on "
                        + config.backend() + (limit == null ? " (Ctrl-C to stop)" : " for " + Texts.duration(limit)));
                err.flush();
                baseline[0] = ready.snapshot();
                Instant now = Instant.now();
                for (ServiceInstance i : baseline[0].instances()) {
                    emit(out, "present", i, now, null);
                }
                out.flush();
            }
            shutdown.await(limit);
            cache.removeListener(listener);
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, InstanceSetChange change) {
        Instant now = Instant.now();
        change.removed().forEach(i -> emit(out, "removed", i, now, null));
        change.added().forEach(i -> emit(out, "added", i, now, null));
        for (InstanceUpdate u : change.updated()) {
            emit(out, "updated", u.current(), now, Texts.changes(u.previous(), u.current()));
        }
        if (change.stalenessChanged()) {
            boolean stale = change.current().isStale();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("event", stale ? "stale" : "fresh");
                doc.put("time", now.toString());
                doc.put("service", service);
                out.println(Json.write(doc));
            } else {
                out.println(time(now) + (stale ? "  ! stale    backend unreachable; showing the last known instances"
                        : "  = fresh    backend reachable again; view confirmed"));
            }
        }
        out.flush();
    }

    private void printConnection(PrintWriter out, ConnectionStateChangedEvent e) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("event", "connection");
            doc.put("time", e.at().toString());
            doc.put("state", String.valueOf(e.current()));
            doc.put("previous", String.valueOf(e.previous()));
            out.println(Json.write(doc));
        } else {
            out.println(time(e.at()) + "  ! connection " + e.current() + " (was " + e.previous() + ")");
        }
        out.flush();
    }

    private void emit(PrintWriter out, String event, ServiceInstance i, Instant now, Map<String, Object[]> changes) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("event", event);
            doc.put("time", now.toString());
            doc.put("instance", Json.instance(i, now));
            if (changes != null) {
                Map<String, Object> c = new LinkedHashMap<>();
                changes.forEach((k, v) -> c.put(k, Map.of("old", v[0], "new", v[1])));
                doc.put("changed", c);
            }
            out.println(Json.write(doc));
            return;
        }
        String mark = switch (event) {
            case "added" -> "+";
            case "removed" -> "-";
            case "updated" -> "~";
            default -> " ";
        };
        StringBuilder sb = new StringBuilder(time(now)).append("  ").append(mark).append(' ')
                .append(String.format("%-8s", event)).append(' ').append(i.id());
        if (changes == null) {
            sb.append("  ").append(i.address()).append(" zone=").append(Texts.zone(i)).append(" weight=")
                    .append(i.weight()).append(' ').append(i.status());
            if (!i.metadata().isEmpty()) {
                sb.append(' ').append(Texts.metadata(i));
            }
        } else {
            changes.forEach((k, v) -> sb.append("  ").append(k).append(' ').append(v[0]).append(" -> ").append(v[1]));
        }
        out.println(sb);
    }

    private static String time(Instant t) {
        return LocalTime.ofInstant(t, ZoneId.systemDefault()).format(TIME);
    }
}
