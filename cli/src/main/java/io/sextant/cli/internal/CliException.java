package io.sextant.cli.internal;

/** A failure the command reports as one line, with the exit code to use. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A usage error: bad flag value, incomplete configuration (exit code 2). */
    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    /** The operation failed (exit code 1). */
    public static CliException failed(String message, Throwable cause) {
        return new CliException(ExitCodes.FAILED, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
