package io.sextant.cli.internal.demo;

import io.sextant.SextantConfig;
import io.sextant.cli.internal.CliContext;
import io.sextant.cli.internal.CliException;
import io.sextant.cli.internal.CommonOptions;
import io.sextant.cli.internal.ConnectionOptions;
import io.sextant.cli.internal.ConsoleCommand;
import io.sextant.console.Console;
import io.sextant.cli.internal.ExitCodes;
import io.sextant.cli.internal.RootCommand;
import io.sextant.cli.internal.Shutdown;
import io.sextant.cli.internal.Style;
import io.sextant.cli.internal.Texts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sextant demo}: discovery and balancing, live, with the faults acted out. */
@Command(name = "demo", header = "See discovery and balancing live, with the faults acted out (start here).",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Run discovery and balancing live, with nothing to install: an embedded ZooKeeper on"
                + " loopback, instances of two services in two zones (each with its own registry, as separate"
                + " processes would), two clients watching them, and where each strategy sends 10,000 picks"
                + " next to the weights. Then the faults: a process dies without deregistering and expires"
                + " after the TTL; an instance fails calls and its circuit breakers eject it while execute()"
                + " retries land elsewhere; it is restarted and slow start ramps it up. Ends with a summary"
                + " (exit 0 when every step showed its effect).",
            "",
            "With --backend etcd --endpoints URL (or SEXTANT_* variables) the same runs on that"
                + " cluster, under a namespace of its own."
        })
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s",
            description = "About how long the demo runs, 5s..10m (the TTL step needs at least the TTL); default ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--console", description = "Also serve the live web console on 127.0.0.1 and print its URL, to watch"
            + " the demo in a browser (a longer --duration, such as 5m, leaves time to look).")
    boolean console;

    @Option(names = "--console-port", paramLabel = "PORT", defaultValue = "" + ConsoleCommand.DEFAULT_PORT,
            description = "The console's port with --console, 0 for any free one; default ${DEFAULT-VALUE}.")
    int consolePort;

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set or stdout is not a terminal).")
    boolean noColor;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Duration total = SextantConfig.parseDuration("--duration", duration);
        if (total.compareTo(Duration.ofSeconds(5)) < 0 || total.compareTo(Duration.ofMinutes(10)) > 0) {
            throw CliException.usage("--duration must be between 5s and 10m, got '" + duration + "'");
        }
        CliContext context = RootCommand.context(spec);
        Map<String, String> keys = connection.keys();
        String ttlText = keys.remove(SextantConfig.TTL);
        Duration ttl = ttlText == null ? Duration.ofSeconds(2) : SextantConfig.parseDuration("--ttl", ttlText);
        boolean live = context.terminal() && !"dumb".equals(context.environment().get("TERM"));
        boolean color = live && !noColor && context.environment().get("NO_COLOR") == null;
        PrintWriter out = spec.commandLine().getOut();
        Screen screen = new Screen(out, live, new Style(color, context.unicode()),
                live ? Terminal.width(context.environment()) : Integer.MAX_VALUE);
        Shutdown shutdown = context.shutdown();
        shutdown.arm();
        try {
            return run(screen, shutdown, keys, total, ttl);
        } finally {
            screen.finish();
        }
    }

    private int run(Screen screen, Shutdown shutdown, Map<String, String> keys, Duration total, Duration ttl)
            throws Exception {
        DemoStage stage = new DemoStage(screen, shutdown);
        Style style = screen.style();
        stage.caption(style.cyan(style.bullet()), keys.get(SextantConfig.BACKEND) == null
                ? "starting an embedded ZooKeeper on loopback" : "connecting to " + keys.get(SextantConfig.BACKEND));
        try (DemoBackend backend = DemoBackend.start(keys, ttl)) {
            stage.title(" sextant demo " + style.dot() + " " + backend.description() + " " + style.dot()
                    + " namespace " + backend.namespace() + " " + style.dot() + " ttl " + Texts.duration(ttl));
            DemoActs acts = new DemoActs(stage, backend, total, ttl);
            Console web = null;
            try {
                DemoSetup.start(stage, backend, acts);
                if (console) {
                    web = DemoConsole.start(stage, consolePort);
                }
                acts.steady();
                acts.processDies();
                acts.failingCalls();
                acts.restart();
                screen.freeze();
                List<String> summary = new ArrayList<>(List.of(""));
                summary.addAll(acts.summary().lines(style, screen.width()));
                summary.add("");
                screen.print(summary);
                stage.caption(acts.allShown() ? style.green(style.check()) : style.red(style.cross()),
                        "demo finished in " + Texts.duration(Duration.ofMillis(Math.round(stage.elapsedSeconds() * 1000)))
                                + (acts.allShown() ? "" : " (a step did not show its effect)"));
                return acts.allShown() ? ExitCodes.OK : ExitCodes.FAILED;
            } finally {
                screen.freeze();
                if (web != null) {
                    web.close();
                }
                DemoSetup.stop(stage);
            }
        }
    }
}
