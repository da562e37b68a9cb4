package io.sextant.cli.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What every command of one invocation shares: the environment it reads {@code SEXTANT_*} from,
 * how it is stopped, whether stdout is a terminal, and whether {@code --verbose} was given.
 */
public final class CliContext {
    private final Map<String, String> environment;
    private final Shutdown shutdown;
    private final boolean terminal;
    private final boolean unicode;
    private volatile boolean verbose;

    public CliContext(Map<String, String> environment, Shutdown shutdown, boolean terminal, Charset charset) {
        this.environment = Map.copyOf(environment);
        this.shutdown = shutdown;
        this.terminal = terminal;
        this.unicode = charset.equals(StandardCharsets.UTF_8);
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Shutdown shutdown() {
        return shutdown;
    }

    /** Whether stdout is an interactive terminal (live redraws and colour allowed). */
    public boolean terminal() {
        return terminal;
    }

    /** Whether output may use non-ASCII symbols. */
    public boolean unicode() {
        return unicode;
    }

    public boolean verbose() {
        return verbose;
    }

    void verbose(boolean on) {
        verbose = on;
    }
}
