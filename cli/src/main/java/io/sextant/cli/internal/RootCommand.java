package io.sextant.cli.internal;

import io.sextant.cli.internal.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code sextant}: the top command, holding the subcommands and the invocation's {@link CliContext}. */
@Command(name = "sextant", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Client-side service discovery on etcd or ZooKeeper, from the command line.",
            "",
            "Start with 'sextant demo': nothing to install but Java 17."
        },
        subcommands = {DemoCommand.class, ListCommand.class, WatchCommand.class, RegisterCommand.class,
            CheckCommand.class, ConsoleCommand.class, CommandLine.HelpCommand.class},
        footer = {
            "",
            "Exit codes: 0 done, 1 the operation failed (backend unreachable, credentials refused, a"
                + " check failed), 2 bad usage (unknown option, malformed value, no backend configured).",
            "",
            "Run 'sextant COMMAND --help' for a command's options and the configuration keys."
        })
public final class RootCommand implements Runnable {
    /** The configuration help shown under every command that connects to a registry. */
    public static final String[] CONFIG_HELP = {
        "",
        "Configuration: flags win over a --config file, which wins over the environment.",
        "  flag                key in a --config file      environment",
        "  --backend           sextant.backend             SEXTANT_BACKEND",
        "  --endpoints (etcd)  sextant.etcd.endpoints      SEXTANT_ETCD_ENDPOINTS",
        "  --endpoints (zk)    sextant.zookeeper.connect   SEXTANT_ZOOKEEPER_CONNECT",
        "  --namespace         sextant.namespace           SEXTANT_NAMESPACE",
        "  --ttl               sextant.ttl                 SEXTANT_TTL",
        "  --connect-timeout   sextant.connect.timeout     SEXTANT_CONNECT_TIMEOUT",
        "  --request-timeout   sextant.request.timeout     SEXTANT_REQUEST_TIMEOUT",
        "  --user              sextant.auth.user           SEXTANT_AUTH_USER",
        "  --password          sextant.auth.password       SEXTANT_AUTH_PASSWORD",
        "  --tls-ca            sextant.tls.ca              SEXTANT_TLS_CA",
        "  --tls-cert          sextant.tls.cert            SEXTANT_TLS_CERT",
        "  --tls-key           sextant.tls.key             SEXTANT_TLS_KEY",
        "  -o KEY=VALUE        any.key, e.g. sextant.x.y   SEXTANT_X_Y",
        "Durations: 500ms, 10s, 2m or PT10S."
    };

    @Spec
    CommandSpec spec;

    private final CliContext context;

    RootCommand(CliContext context) {
        this.context = context;
    }

    /** The command line of one invocation, with one-line error reporting. */
    public static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RootCommand(context));
        ErrorReporter reporter = new ErrorReporter(context);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(reporter);
        cl.setParameterExceptionHandler(reporter);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().mixins().containsKey("connection")) {
                sub.getCommandSpec().usageMessage().footer(CONFIG_HELP);
            }
        }
        return cl;
    }

    /** The context of the invocation {@code spec} belongs to. */
    public static CliContext context(CommandSpec spec) {
        return ((RootCommand) spec.root().userObject()).context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
