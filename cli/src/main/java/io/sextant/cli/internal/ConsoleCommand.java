package io.sextant.cli.internal;

import io.sextant.Registry;
import io.sextant.SextantConfig;
import io.sextant.console.Console;
import io.sextant.console.ConsoleBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code sextant console}: serves the live web console of the configured registry until Ctrl-C. */
@Command(name = "console", header = "Serve a live web console of the registry (read-only).",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Serve one page showing the services with counts per zone and status and their caches' freshness,"
                + " the instances of a chosen service, a live feed of changes (Server-Sent Events), where a"
                + " balancing strategy sends 10,000 simulated picks, and the registry's health. Read-only.",
            "",
            "Binds 127.0.0.1 unless --bind says otherwise; any other address requires --token (or"
                + " SEXTANT_CONSOLE_TOKEN), which every request must then carry."
        })
public final class ConsoleCommand implements Callable<Integer> {
    /** The port unless --port says otherwise: fixed, so an open page reconnects after a restart. */
    public static final int DEFAULT_PORT = 7319;

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ConsoleBuilder.DEFAULT_BIND,
            description = "Address to listen on; default ${DEFAULT-VALUE}. A non-loopback one requires --token.")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
            description = "Port to listen on, 0 for any free one; default ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--token", paramLabel = "SECRET",
            description = "A secret every request must carry (the printed URL holds it). Default: SEXTANT_CONSOLE_TOKEN.")
    String token;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        CliContext context = RootCommand.context(spec);
        SextantConfig config = connection.config();
        String secret = token != null ? token : context.environment().get("SEXTANT_CONSOLE_TOKEN");
        PrintWriter out = spec.commandLine().getOut();
        Shutdown shutdown = context.shutdown();
        shutdown.arm();
        try (Registry registry = Registries.open(config);
             Console console = start(Console.builder(registry), bind, port, secret)) {
            out.println("console of namespace '" + config.namespace() + "' on " + config.backend() + ": "
                    + console.uri() + "  (Ctrl-C to stop)");
            out.flush();
            shutdown.await(null);
        }
        return ExitCodes.OK;
    }

    /** Starts a console, turning the builder's refusals into usage errors and bind failures into failures. */
    public static Console start(ConsoleBuilder builder, String bind, int port, String token) {
        try {
            return builder.bind(bind).port(port).token(token).start();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage().replace("requires a token", "requires --token"));
        } catch (IOException e) {
            throw CliException.failed("cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "); choose another with --port", e);
        }
    }
}
