package io.sextant.cli;

import io.sextant.cli.internal.CliContext;
import io.sextant.cli.internal.Logging;
import io.sextant.cli.internal.RootCommand;
import io.sextant.cli.internal.Shutdown;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code sextant} command: {@code demo}, {@code list}, {@code watch}, {@code register} and
 * {@code check}. Run {@code sextant --help} for the commands, their options and the configuration
 * keys.
 *
 * <p>Exit codes: 0 success, 1 the operation failed (backend unreachable, credentials refused, a check
 * failed), 2 bad usage (unknown option, malformed value, incomplete configuration).
 */
public final class SextantCli {
    private SextantCli() {
    }

    /** Runs the command and exits the JVM with its exit code. */
    public static void main(String[] args) {
        Logging.configure(args);
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), charset), true);
        boolean terminal = System.console() != null;
        CliContext context = new CliContext(System.getenv(), Shutdown.onSignals(), terminal, charset);
        int code = commandLine(context, out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The command line for embedding and tests: configuration from {@code environment} (instead of
     * the process environment), output to {@code out} and {@code err} (plain, not a terminal), and
     * commands that run until interrupted ({@code register}, {@code watch}, {@code demo}) stop when
     * {@code stop} reaches zero instead of on SIGINT/SIGTERM. Call {@link CommandLine#execute} on it.
     */
    public static CommandLine commandLine(Map<String, String> environment, CountDownLatch stop,
                                          PrintWriter out, PrintWriter err) {
        return commandLine(new CliContext(environment, Shutdown.of(stop), false, StandardCharsets.UTF_8), out, err);
    }

    private static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
        return RootCommand.commandLine(context, out, err);
    }
}
