package io.sextant.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs the command in this JVM with captured output, an injected environment and a stop latch. */
final class Cli {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CountDownLatch stop = new CountDownLatch(1);
    private final Map<String, String> env;

    Cli(Map<String, String> env) {
        this.env = env;
    }

    static Cli run(Map<String, String> env, String... args) {
        Cli c = new Cli(env);
        c.code = c.execute(args);
        return c;
    }

    static Cli run(String... args) {
        return run(Map.of(), args);
    }

    int code = -1;

    int execute(String... args) {
        return SextantCli.commandLine(env, stop, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
