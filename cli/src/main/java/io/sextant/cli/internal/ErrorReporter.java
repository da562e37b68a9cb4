package io.sextant.cli.internal;

import io.sextant.SextantException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Turns every failure into one line on stderr, {@code sextant: <what was wrong>}, and an exit code
 * ({@link ExitCodes}); the stack trace only with {@code --verbose}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final int MAX_MESSAGE = 400;

    private final CliContext context;

    ErrorReporter(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("sextant: " + oneLine(ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        if (context.verbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code = exitCode(ex);
        String message = describe(ex);
        err.println("sextant: " + message);
        if (context.verbose()) {
            ex.printStackTrace(err);
        } else if (code == ExitCodes.FAILED && !(ex instanceof CliException || ex instanceof SextantException)) {
            err.println("(run with --verbose for the stack trace)");
        }
        err.flush();
        return code;
    }

    static int exitCode(Throwable t) {
        if (t instanceof CliException c) {
            return c.exitCode();
        }
        if (t instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILED;
    }

    /** The message and the causes that add to it, on one line. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        String first = t.getMessage();
        if (first == null || first.isBlank() || !(t instanceof CliException || t instanceof SextantException
                || t instanceof IllegalArgumentException || t instanceof UncheckedIOException)) {
            sb.append(t.getClass().getSimpleName());
            if (first != null && !first.isBlank()) {
                sb.append(": ").append(first);
            }
        } else {
            sb.append(first);
        }
        Throwable c = t.getCause();
        for (int depth = 0; c != null && c != t && depth < 3; depth++, c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.isBlank() && !sb.toString().contains(m.strip())) {
                sb.append(": ").append(m.strip());
            }
        }
        return oneLine(sb.toString());
    }

    static String oneLine(String s) {
        String one = s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
