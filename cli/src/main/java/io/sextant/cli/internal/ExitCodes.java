package io.sextant.cli.internal;

/** The exit codes of every command. */
public final class ExitCodes {
    /** Done as asked. */
    public static final int OK = 0;
    /** The operation failed: backend unreachable, credentials refused, a check failed. */
    public static final int FAILED = 1;
    /** Bad usage: unknown option, malformed value, incomplete configuration. */
    public static final int USAGE = 2;
    /** Stopped by Ctrl-C before it finished (a command that would otherwise end by itself). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
